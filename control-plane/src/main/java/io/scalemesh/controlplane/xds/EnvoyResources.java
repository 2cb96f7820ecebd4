package io.scalemesh.controlplane.xds;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SelfConfigSource;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.scalemesh.controlplane.validation.EnvoyValidator;
import java.util.List;

/** Envoy building blocks that both the translated resources and the bootstrap use. */
public final class EnvoyResources {
  /** "Over the ADS stream this proxy already has", for every dynamic resource. */
  public static final ConfigSource ADS =
      ConfigSource.newBuilder()
          .setAds(AggregatedConfigSource.getDefaultInstance())
          .setResourceApiVersion(ApiVersion.V3)
          .build();

  /** The server this configuration came from. */
  static final ConfigSource SELF =
      ConfigSource.newBuilder()
          .setSelf(SelfConfigSource.getDefaultInstance())
          .setResourceApiVersion(ApiVersion.V3)
          .build();

  /** The key under which a Cluster's typed_extension_protocol_options name its HTTP version. */
  public static final String HTTP_PROTOCOL_OPTIONS =
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  /**
   * Every type Scalemesh puts in an {@code Any} (typed configs), in resources and in the bootstrap.
   */
  private static final List<Message> TYPED_CONFIGS =
      List.of(
          HttpConnectionManager.getDefaultInstance(),
          Router.getDefaultInstance(),
          PreviousHostsPredicate.getDefaultInstance(),
          HttpProtocolOptions.getDefaultInstance(),
          UpstreamTlsContext.getDefaultInstance());

  /** For printing and parsing resources and the bootstrap in protobuf's JSON mapping. */
  public static final JsonFormat.TypeRegistry TYPE_REGISTRY =
      JsonFormat.TypeRegistry.newBuilder()
          .add(TYPED_CONFIGS.stream().map(Message::getDescriptorForType).toList())
          .build();

  /** Envoy's rules, for everything Scalemesh hands Envoy. */
  public static final EnvoyValidator VALIDATOR = new EnvoyValidator(TYPED_CONFIGS);

  private EnvoyResources() {}
}
