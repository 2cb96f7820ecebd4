package io.scalemesh.controlplane.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Envoy's generated rules catch what Envoy would refuse, including inside typed configs. */
class EnvoyValidatorTest {
  private final EnvoyValidator rules =
      new EnvoyValidator(
          List.of(HttpConnectionManager.getDefaultInstance(), Router.getDefaultInstance()));

  @Test
  void aWellFormedAssignmentPasses() {
    assertThat(rules.violation(assignment("backend", "10.0.0.1", 8080))).isEmpty();
  }

  @Test
  void aPortAbove65535IsRefusedNamingTheField() {
    assertThat(rules.violation(assignment("backend", "10.0.0.1", 70_000)))
        .hasValueSatisfying(v -> assertThat(v).contains("port_value", "70000"));
  }

  @Test
  void anAssignmentWithoutAClusterNameIsRefused() {
    assertThat(rules.violation(assignment("", "10.0.0.1", 8080)))
        .hasValueSatisfying(v -> assertThat(v).contains("cluster_name"));
  }

  @Test
  void anEndpointWithoutAnAddressIsRefused() {
    assertThat(rules.violation(assignment("backend", "", 8080)))
        .hasValueSatisfying(v -> assertThat(v).contains("SocketAddress.address"));
  }

  @Test
  void rulesAreCheckedInsideTypedConfigsWhichPgvAloneDoesNotOpen() {
    // stat_prefix must not be empty; the HTTP connection manager sits in an Any in the listener.
    Listener listener =
        apiListener(
            HttpConnectionManager.newBuilder()
                .addHttpFilters(
                    HttpFilter.newBuilder()
                        .setName("envoy.filters.http.router")
                        .setTypedConfig(Any.pack(Router.getDefaultInstance())))
                .build());

    assertThat(rules.violation(listener))
        .hasValueSatisfying(
            v ->
                assertThat(v)
                    .contains(
                        "api_listener.api_listener(type.googleapis.com/envoy.extensions.filters.network"
                            + ".http_connection_manager.v3.HttpConnectionManager)",
                        "stat_prefix"));
  }

  @Test
  void anAnyWithinAnAnyIsOpenedToo() {
    // The router (an Any in the connection manager, itself an Any in the listener) may strictly
    // check only headers it knows.
    Listener listener =
        apiListener(
            HttpConnectionManager.newBuilder()
                .setStatPrefix("x")
                .setRouteConfig(RouteConfiguration.newBuilder().setName("x"))
                .addHttpFilters(
                    HttpFilter.newBuilder()
                        .setName("envoy.filters.http.router")
                        .setTypedConfig(
                            Any.pack(
                                Router.newBuilder()
                                    .addStrictCheckHeaders("x-not-a-router-header")
                                    .build())))
                .build());

    assertThat(rules.violation(listener))
        .hasValueSatisfying(
            v ->
                assertThat(v)
                    .contains(
                        "http_filters[0].typed_config(type.googleapis.com/envoy.extensions.filters.http.router.v3.Router)",
                        "strict_check_headers"));
  }

  @Test
  void aTypedConfigOfATypeThatCannotBeCheckedIsRefused() {
    Cluster cluster =
        Cluster.newBuilder()
            .setName("backend")
            .putTypedExtensionProtocolOptions("anything", Any.pack(StringValue.of("unchecked")))
            .build();

    assertThat(rules.violation(cluster))
        .hasValueSatisfying(
            v ->
                assertThat(v)
                    .contains(
                        "typed_extension_protocol_options[0]",
                        "google.protobuf.StringValue",
                        "cannot be checked"));
  }

  private static Listener apiListener(HttpConnectionManager manager) {
    return Listener.newBuilder()
        .setName("backend")
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(manager)))
        .build();
  }

  private static ClusterLoadAssignment assignment(String cluster, String address, int port) {
    return ClusterLoadAssignment.newBuilder()
        .setClusterName(cluster)
        .addEndpoints(
            LocalityLbEndpoints.newBuilder()
                .addLbEndpoints(
                    LbEndpoint.newBuilder()
                        .setEndpoint(
                            Endpoint.newBuilder()
                                .setAddress(
                                    Address.newBuilder()
                                        .setSocketAddress(
                                            SocketAddress.newBuilder()
                                                .setAddress(address)
                                                .setPortValue(port))))))
        .build();
  }
}
