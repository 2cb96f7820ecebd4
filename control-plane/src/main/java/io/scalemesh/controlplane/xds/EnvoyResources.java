package io.scalemesh.controlplane.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;

/** Envoy building blocks that both the translated resources and the bootstrap use. */
public final class EnvoyResources {
  /** "Over the ADS stream this proxy already has", for every dynamic resource. */
  public static final ConfigSource ADS = ConfigSource.newBuilder()
      .setAds(AggregatedConfigSource.getDefaultInstance())
      .setResourceApiVersion(ApiVersion.V3)
      .build();

  /** The key under which a Cluster's typed_extension_protocol_options name its HTTP version. */
  public static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private EnvoyResources() {}

  /** Protocol options that make Envoy speak HTTP/2 (as gRPC needs) to a cluster. */
  public static Any http2Only() {
    return Any.pack(HttpProtocolOptions.newBuilder()
        .setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
            .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()))
        .build());
  }
}
