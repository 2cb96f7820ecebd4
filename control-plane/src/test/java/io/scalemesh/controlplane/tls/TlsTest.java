package io.scalemesh.controlplane.tls;

import static io.scalemesh.controlplane.TestTokens.bearer;
import static io.scalemesh.controlplane.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.scalemesh.controlplane.AdsEndpointsProbe;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.TestConfigs;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the xDS server and on the console API, with a real gRPC client: the server's certificate
 * is checked against the CA a client trusts, and the console API requires a client certificate
 * signed by its client CA.
 */
class TlsTest {
  private static final Path TLS = Path.of("src/test/resources/tls").toAbsolutePath();

  @TempDir
  Path dir;

  private ControlPlane plane;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    plane = ControlPlane.start(TestConfigs.fromYaml(dir, """
        xds:
          tls: {certificate: %1$s/server.pem, private_key: %1$s/server.key}
        console_api:
          tls: {certificate: %1$s/server.pem, private_key: %1$s/server.key, client_ca: %1$s/ca.pem}
          tokens: [{identity: watcher, role: viewer, sha256: %2$s}]
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0}
        """.formatted(TLS, sha("viewer-token"))), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    plane.close();
  }

  @Test
  void anXdsClientThatTrustsTheCaGetsEndpointsAndOneThatDoesNotIsRefused() throws Exception {
    try (AdsEndpointsProbe trusted = new AdsEndpointsProbe(channel(plane.xdsPort(), trusting("ca.pem")), "backend")) {
      await().untilAsserted(() -> assertThat(trusted.endpoints()).hasSize(2));
    }
    try (AdsEndpointsProbe stranger = new AdsEndpointsProbe(channel(plane.xdsPort(), trusting("other-ca.pem")), "backend");
        AdsEndpointsProbe plaintext = new AdsEndpointsProbe(plaintext(plane.xdsPort()), "backend")) {
      Thread.sleep(2_000); // long enough for a response, had there been one
      assertThat(stranger.endpoints()).isEmpty();
      assertThat(plaintext.endpoints()).isEmpty();
    }
  }

  @Test
  void theConsoleApiRequiresAClientCertificateSignedByItsClientCa() throws Exception {
    ChannelCredentials withCertificate = TlsChannelCredentials.newBuilder()
        .trustManager(TLS.resolve("ca.pem").toFile())
        .keyManager(TLS.resolve("client.pem").toFile(), TLS.resolve("client.key").toFile())
        .build();
    assertThat(watch(channel(plane.consoleApiPort(), withCertificate)).getIdentity()).isEqualTo("watcher");

    assertThatThrownBy(() -> watch(channel(plane.consoleApiPort(), trusting("ca.pem"))))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThatThrownBy(() -> watch(plaintext(plane.consoleApiPort())))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  private static WatchUpdate watch(ManagedChannel channel) {
    return ConsoleGrpc.newBlockingStub(channel).withCallCredentials(bearer("viewer-token"))
        .withDeadlineAfter(10, TimeUnit.SECONDS).watch(WatchRequest.getDefaultInstance()).next();
  }

  private static ChannelCredentials trusting(String ca) throws Exception {
    return TlsChannelCredentials.newBuilder().trustManager(TLS.resolve(ca).toFile()).build();
  }

  private ManagedChannel channel(int port, ChannelCredentials credentials) {
    ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port, credentials).build();
    channels.add(channel);
    return channel;
  }

  private ManagedChannel plaintext(int port) {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return channel;
  }
}
