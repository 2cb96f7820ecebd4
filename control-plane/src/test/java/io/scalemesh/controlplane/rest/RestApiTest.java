package io.scalemesh.controlplane.rest;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RestApiTest {
  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualSource source = new ManualSource("backend");
  private final HttpClient http = HttpClient.newHttpClient();
  private ControlPlane plane;

  @BeforeEach
  void start() {
    plane = teardown.add(source.plane(dir));
  }

  @Test
  void readyOnlyAfterTheFirstCompleteDiscovery() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    JsonNode empty = json("/api/vms");
    assertThat(empty.get("total_vms").asInt()).isZero();
    assertThat(empty.get("snapshot_version").isNull()).isTrue();

    source.report(List.of(vm(1)));

    await().until(() -> get("/readyz").statusCode() == 200);
  }

  @Test
  void vmsHasTheSeedShapeAndListsExactlyTheCurrentInstances() throws Exception {
    source.report(List.of(vm(1), vm(2), vm(3)));
    await().until(() -> json("/api/vms").get("total_vms").asInt() == 3);

    JsonNode body = json("/api/vms");
    assertThat(OffsetDateTime.parse(body.get("last_update").asText())).isNotNull(); // RFC 3339
    assertThat(body.get("snapshot_version").isTextual()).isTrue();
    assertThat(names(body)).containsExactly("vm-1", "vm-2", "vm-3");
    JsonNode second = body.get("vms").get(1);
    assertThat(second.get("private_ip").asText()).isEqualTo("10.0.0.2");
    assertThat(second.get("public_ip").asText()).isEqualTo("20.0.0.2");

    source.report(List.of(vm(1), vm(3)));
    await().until(() -> json("/api/vms").get("total_vms").asInt() == 2);
    assertThat(names(json("/api/vms"))).containsExactly("vm-1", "vm-3");

    // A failed refresh changes nothing that is published.
    String version = json("/api/vms").get("snapshot_version").asText();
    source.fail("Resource Manager answered 500");
    await()
        .until(
            () ->
                get("/metrics")
                    .body()
                    .contains(
                        "scalemesh_discovery_refreshes_total{outcome=\"error\",scale_set=\"backend\"} 1.0"));
    assertThat(names(json("/api/vms"))).containsExactly("vm-1", "vm-3");
    assertThat(json("/api/vms").get("snapshot_version").asText()).isEqualTo(version);
  }

  @Test
  void metricsAreInPrometheusTextFormat() throws Exception {
    source.report(List.of(vm(1)));
    source.fail("timeout");
    await().until(() -> get("/readyz").statusCode() == 200);

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("scalemesh_discovery_refreshes_total{outcome=\"ok\",scale_set=\"backend\"} 1.0")
        .contains(
            "scalemesh_discovery_refreshes_total{outcome=\"error\",scale_set=\"backend\"} 1.0")
        .contains(
            "scalemesh_published_version_info{version=\""
                + json("/api/vms").get("snapshot_version").asText()
                + "\"} 1")
        .contains("scalemesh_xds_connected_proxies 0.0")
        .contains("scalemesh_instances{scale_set=\"backend\"} 1.0");
  }

  @Test
  void writesAreNotAllowed() throws Exception {
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/api/vms"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isIn(404, 405);
  }

  private static List<String> names(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.get("vms").forEach(vm -> names.add(vm.get("name").asText()));
    return names;
  }

  private JsonNode json(String path) throws IOException, InterruptedException {
    return new ObjectMapper().readTree(get(path).body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + plane.apiPort() + path);
  }
}
