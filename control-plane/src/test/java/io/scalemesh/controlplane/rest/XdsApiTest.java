package io.scalemesh.controlplane.rest;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.xds.EnvoyResources;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/xds shows exactly what an ADS client is served: the same resources, the same versions.
 */
class XdsApiTest {
  private static final Map<String, Message> TYPES =
      Map.of(
          Resources.V3.CLUSTER_TYPE_URL, Cluster.getDefaultInstance(),
          Resources.V3.ENDPOINT_TYPE_URL, ClusterLoadAssignment.getDefaultInstance(),
          Resources.V3.LISTENER_TYPE_URL, Listener.getDefaultInstance(),
          Resources.V3.ROUTE_TYPE_URL, RouteConfiguration.getDefaultInstance());

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualSource source = new ManualSource("backend");
  private final ObjectMapper json = new ObjectMapper();
  private ControlPlane plane;

  @BeforeEach
  void start() {
    plane = teardown.add(source.plane(dir));
  }

  @Test
  void nothingIsShownBeforeTheFirstPublish() throws Exception {
    JsonNode body = json.readTree(get("/api/xds").body());
    assertThat(body.get("mesh_version").isNull()).isTrue();
    assertThat(body.get("types")).isEmpty();
  }

  @Test
  void theApiShowsWhatAnAdsClientReceivesTypeByType() throws Exception {
    source.report(List.of(vm(1), vm(2), vm(3, InstanceState.DRAINING)));
    try (AdsSubscriber client =
        new AdsSubscriber(
            plane.xdsPort(),
            Map.of(
                Resources.V3.CLUSTER_TYPE_URL, List.of(),
                Resources.V3.LISTENER_TYPE_URL, List.of(),
                Resources.V3.ENDPOINT_TYPE_URL, List.of("backend"),
                Resources.V3.ROUTE_TYPE_URL, List.of("edge")))) {
      await().until(() -> client.received().size() == 4);

      JsonNode body = json.readTree(get("/api/xds").body());
      assertThat(body.get("mesh_version").asText())
          .isEqualTo(plane.publisher().current().orElseThrow().state().version());
      assertThat(body.get("types")).hasSize(4);
      for (JsonNode type : body.get("types")) {
        AdsSubscriber.Received served = client.received().get(type.get("type_url").asText());
        assertThat(type.get("version").asText()).isEqualTo(served.version());
        assertThat(parse(type))
            .isEqualTo(unpack(type.get("type_url").asText(), served.resources()));
      }
    }
  }

  @Test
  void oneTypeAndOneResourceCanBeAskedFor() throws Exception {
    source.report(List.of(vm(1)));
    await().until(() -> plane.publisher().current().isPresent());

    JsonNode body = json.readTree(get("/api/xds?type=ClusterLoadAssignment&name=backend").body());

    assertThat(body.get("types"))
        .singleElement()
        .satisfies(
            type -> {
              assertThat(type.get("type_url").asText()).isEqualTo(Resources.V3.ENDPOINT_TYPE_URL);
              assertThat(type.get("resources"))
                  .singleElement()
                  .satisfies(
                      cla -> assertThat(cla.get("cluster_name").asText()).isEqualTo("backend"));
            });
    assertThat(
            json.readTree(get("/api/xds?type=Listener&name=nothing").body())
                .get("types")
                .get(0)
                .get("resources"))
        .isEmpty();
  }

  @Test
  void anUnknownTypeIsOneClearError() throws Exception {
    HttpResponse<String> response = get("/api/xds?type=Secret");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("unknown type 'Secret'", "Cluster", "ClusterLoadAssignment");
  }

  private static List<Message> parse(JsonNode type) throws Exception {
    List<Message> resources = new ArrayList<>();
    for (JsonNode resource : type.get("resources")) {
      Message.Builder builder = TYPES.get(type.get("type_url").asText()).newBuilderForType();
      JsonFormat.parser()
          .usingTypeRegistry(EnvoyResources.TYPE_REGISTRY)
          .merge(resource.toString(), builder);
      resources.add(builder.build());
    }
    return resources;
  }

  private static List<Message> unpack(String typeUrl, List<Any> served) throws Exception {
    List<Message> resources = new ArrayList<>();
    for (Any any : served) {
      resources.add(TYPES.get(typeUrl).getParserForType().parseFrom(any.getValue()));
    }
    return resources;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return TestHttp.get(URI.create("http://127.0.0.1:" + plane.apiPort() + path));
  }
}
