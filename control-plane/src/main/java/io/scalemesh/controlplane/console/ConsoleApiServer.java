package io.scalemesh.controlplane.console;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.scalemesh.controlplane.access.AccessTokenVerifier;
import io.scalemesh.controlplane.access.TokenAuthenticator;
import io.scalemesh.controlplane.config.ConsoleApiConfig;
import io.scalemesh.controlplane.faults.CallFailureActions;
import io.scalemesh.controlplane.grpc.GrpcServers;
import io.scalemesh.controlplane.publish.HoldRelease;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.status.StatusStream;
import io.scalemesh.controlplane.tls.PemTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The gRPC server of the console API, with the standard health service and server reflection so
 * that grpcurl works against it. TLS when a certificate is configured.
 */
public final class ConsoleApiServer implements AutoCloseable {
  private final Server server;
  private final TokenAuthenticator authenticator;

  public ConsoleApiServer(
      ConsoleApiConfig config,
      StatusStream status,
      ScaleActions scaling,
      HoldRelease holdRelease,
      CallFailureActions failures) {
    this.authenticator = TokenAuthenticator.of(config);
    InetSocketAddress address =
        new InetSocketAddress(config.listen().address(), config.listen().port());
    NettyServerBuilder builder =
        (config.listen().tls() == null
                ? NettyServerBuilder.forAddress(address)
                : NettyServerBuilder.forAddress(
                    address, PemTls.serverCredentials(config.listen().tls())))
            .addService(
                ServerInterceptors.intercept(
                    new ConsoleService(status, scaling, holdRelease, failures), authenticator))
            .addService(new HealthStatusManager().getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            // A console needs a handful of streams; this bounds what one client can hold open.
            .maxConcurrentCallsPerConnection(100)
            .maxInboundMessageSize(64 * 1024)
            // Above gRPC's 8 KiB default, so that an oversized token reaches the authenticator
            // and is refused as UNAUTHENTICATED, not cut off by the transport.
            .maxInboundMetadataSize(2 * AccessTokenVerifier.MAX_TOKEN_CHARS);
    this.server = builder.build();
  }

  public ConsoleApiServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for the console API", e);
    }
    return this;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    GrpcServers.stopGracefully(server, Duration.ofSeconds(2));
    authenticator.close();
  }
}
