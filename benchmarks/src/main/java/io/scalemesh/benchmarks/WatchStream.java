package io.scalemesh.benchmarks;

import io.grpc.Channel;
import io.scalemesh.controlplane.fixtures.LoadStream;
import io.scalemesh.controlplane.fixtures.TestTokens;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;

/**
 * One console's status stream, as a load driver holds it: it keeps only the snapshot version it
 * last saw.
 */
final class WatchStream extends LoadStream<WatchRequest, WatchUpdate> {
  private volatile String snapshotVersion = "";

  static WatchStream open(Channel channel, String token) {
    WatchStream stream = new WatchStream();
    ConsoleGrpc.newStub(channel)
        .withCallCredentials(TestTokens.bearer(token))
        .watch(WatchRequest.getDefaultInstance(), stream);
    return stream;
  }

  @Override
  public void onNext(WatchUpdate update) {
    snapshotVersion = update.getStatus().getXds().getSnapshotVersion();
  }

  String snapshotVersion() {
    return snapshotVersion;
  }
}
