package io.scalemesh.console.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Opens the gRPC channel that settings describe. */
final class Channels {
  private Channels() {}

  static ManagedChannel open(ConnectionSettings settings) {
    return Grpc.newChannelBuilder(settings.address(), credentials(settings)).build();
  }

  private static ChannelCredentials credentials(ConnectionSettings settings) {
    if (!settings.tls()) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    if (settings.caFile().isPresent()) {
      Path ca = settings.caFile().get();
      try {
        tls.trustManager(ca.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the CA certificate " + ca, e);
      }
    }
    return tls.build();
  }
}
