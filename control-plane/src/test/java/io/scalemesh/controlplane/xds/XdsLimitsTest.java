package io.scalemesh.controlplane.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.AdsStream;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What one xDS client can take: streams per connection and the size of a request. */
class XdsLimitsTest {
  private static final String NODE = "limits-proxy";

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualSource source = new ManualSource("backend");
  private ControlPlane plane;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    plane =
        teardown.add(source.planePublishing(dir, List.of(ManualSource.vm(1), ManualSource.vm(2))));
    channel = teardown.plaintextChannel(plane.xdsPort());
  }

  @Test
  void anOversizedRequestIsRefusedAndOtherClientsAreUnharmed() {
    ManagedChannel otherClient = teardown.plaintextChannel(plane.xdsPort());
    AdsStream other = AdsStream.open(otherClient, NODE, "backend");
    await().until(() -> other.acks() == 1);

    AdsStream oversized = AdsStream.open(channel, NODE, "x".repeat(XdsServer.MAX_REQUEST_BYTES));

    await().until(() -> oversized.error() != null);
    // The server ends it with RESOURCE_EXHAUSTED; when the rest of the request is still arriving,
    // grpc-java
    // may end the connection too, which the client sees as CANCELLED or INTERNAL (both seen here).
    assertThat(Status.fromThrowable(oversized.error()).getCode())
        .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED, Status.Code.INTERNAL);
    assertThat(oversized.acks()).isZero();

    source.report(List.of(ManualSource.vm(1), ManualSource.vm(2), ManualSource.vm(3)));
    await().until(() -> other.acks() == 2);
    assertThat(other.error()).isNull();
    AdsStream retried = AdsStream.open(channel, NODE, "backend");
    await().until(() -> retried.acks() == 1);
  }

  @Test
  void streamsBeyondTheLimitOfOneConnectionWaitUntilAnotherEnds() {
    List<AdsStream> admitted = new ArrayList<>();
    for (int i = 0; i < XdsServer.MAX_STREAMS_PER_CONNECTION; i++) {
      admitted.add(AdsStream.open(channel, NODE, "backend"));
    }
    await().until(() -> admitted.stream().allMatch(stream -> stream.acks() == 1));

    AdsStream waiting = AdsStream.open(channel, NODE, "backend");
    // A stream opened after it on another connection is answered: had it been admitted, so would
    // it.
    AdsStream later = AdsStream.open(teardown.plaintextChannel(plane.xdsPort()), NODE, "backend");
    await().until(() -> later.acks() == 1);
    assertThat(waiting.acks()).as("responses to the stream over the limit").isZero();
    assertThat(waiting.error()).isNull();

    admitted.getFirst().disconnect();
    // grpc-java sends a queued stream with the connection's next write: the ACKs of a new version.
    source.report(List.of(ManualSource.vm(1), ManualSource.vm(2), ManualSource.vm(3)));
    await().until(() -> waiting.acks() == 1);
  }
}
