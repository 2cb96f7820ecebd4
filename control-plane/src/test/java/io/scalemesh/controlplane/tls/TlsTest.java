package io.scalemesh.controlplane.tls;

import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the xDS server and on the console API, with a real gRPC client: the server's certificate
 * is checked against the CA a client trusts, and the console API requires a client certificate
 * signed by its client CA.
 */
class TlsTest {
  private static final Path TLS = Path.of("src/test/resources/tls").toAbsolutePath();

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private ControlPlane plane;

  @BeforeEach
  void start() {
    plane =
        teardown.add(
            ControlPlane.start(
                TestConfigs.fromYaml(
                    dir,
                    """
        xds:
          tls: {certificate: %1$s/server.pem, private_key: %1$s/server.key}
        console_api:
          tls: {certificate: %1$s/server.pem, private_key: %1$s/server.key, client_ca: %1$s/ca.pem}
          tokens: [{identity: watcher, role: viewer, sha256: %2$s}]
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0}
        """
                        .formatted(TLS, sha("viewer-token"))),
                Clock.systemUTC()));
  }

  @Test
  void anXdsClientThatTrustsTheCaGetsEndpointsAndOneThatDoesNotIsRefused() throws Exception {
    try (AdsSubscriber trusted =
        AdsSubscriber.endpointsOf(channel(plane.xdsPort(), trusting("ca.pem")), "backend")) {
      await().untilAsserted(() -> assertThat(trusted.endpoints()).hasSize(2));
    }
    try (AdsSubscriber stranger =
            AdsSubscriber.endpointsOf(
                channel(plane.xdsPort(), trusting("other-ca.pem")), "backend");
        AdsSubscriber plaintext =
            AdsSubscriber.endpointsOf(teardown.plaintextChannel(plane.xdsPort()), "backend")) {
      Thread.sleep(2_000); // long enough for a response, had there been one
      assertThat(stranger.endpoints()).isEmpty();
      assertThat(plaintext.endpoints()).isEmpty();
    }
  }

  @Test
  void theConsoleApiRequiresAClientCertificateSignedByItsClientCa() throws Exception {
    ChannelCredentials withCertificate =
        TlsChannelCredentials.newBuilder()
            .trustManager(TLS.resolve("ca.pem").toFile())
            .keyManager(TLS.resolve("client.pem").toFile(), TLS.resolve("client.key").toFile())
            .build();
    assertThat(watch(channel(plane.consoleApiPort(), withCertificate)).getIdentity())
        .isEqualTo("watcher");

    assertThatThrownBy(() -> watch(channel(plane.consoleApiPort(), trusting("ca.pem"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThatThrownBy(() -> watch(teardown.plaintextChannel(plane.consoleApiPort())))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  private static WatchUpdate watch(ManagedChannel channel) {
    return ConsoleGrpc.newBlockingStub(channel)
        .withCallCredentials(bearer("viewer-token"))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .watch(WatchRequest.getDefaultInstance())
        .next();
  }

  private static ChannelCredentials trusting(String ca) throws Exception {
    return TlsChannelCredentials.newBuilder().trustManager(TLS.resolve(ca).toFile()).build();
  }

  private ManagedChannel channel(int port, ChannelCredentials credentials) {
    return teardown.add(NettyChannelBuilder.forAddress("localhost", port, credentials).build());
  }
}
