package io.scalemesh.controlplane.grpc;

import io.grpc.Server;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What every gRPC server here does on the way down. */
public final class GrpcServers {
  private GrpcServers() {}

  /** Refuses new calls, lets in-flight ones finish for up to {@code grace}, then cuts the rest. */
  public static void stopGracefully(Server server, Duration grace) {
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
