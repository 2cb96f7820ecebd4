package io.scalemesh.controlplane.discovery.simulated;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.grpc.GrpcServers;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.model.demo.v1.BackendGrpc;
import io.scalemesh.model.demo.v1.Tick;
import io.scalemesh.model.demo.v1.TicksRequest;
import io.scalemesh.model.demo.v1.WhoAmIRequest;
import io.scalemesh.model.demo.v1.WhoAmIResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated VM: a real gRPC server on its own loopback port that answers the demo backend
 * service and grpc.health.v1. While booting it refuses calls, as a VM whose service has not started
 * would; while draining it still serves what reaches it.
 */
final class SimulatedInstance {
  private static final String ZONES = "123";
  private static final long MIN_TICK_MILLIS = 10;
  private static final long MAX_TICK_MILLIS = 1_000;

  /** Sends the ticks of every stream of every simulated instance: a tick is one small message. */
  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("simulated-ticks").daemon().factory());

  private final String name;
  private final int index;
  private final Server server;

  /**
   * Kept, because a stopped server no longer tells its port, and a stopping instance is still
   * reported.
   */
  private final int port;

  private final HealthStatusManager health = new HealthStatusManager();
  private final AtomicLong callsServed = new AtomicLong();
  private volatile InstanceState state = InstanceState.BOOTING;

  /** The share of calls it fails on purpose, so that a demo can show errors. */
  private volatile double failShare;

  private final Set<TickStream> ticking = ConcurrentHashMap.newKeySet();

  SimulatedInstance(String service, int index, String bindAddress) {
    this.name = service + "_" + index;
    this.index = index;
    health.setStatus("", ServingStatus.NOT_SERVING);
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, 0))
            .addService(new Backend())
            .addService(health.getHealthService())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start simulated instance " + name, e);
    }
    this.port = server.getPort();
  }

  String name() {
    return name;
  }

  int index() {
    return index;
  }

  InstanceState state() {
    return state;
  }

  /** Calls served since the last time this was asked. */
  long takeCallsServed() {
    return callsServed.getAndSet(0);
  }

  void failShare(double share) {
    failShare = share;
  }

  void markReady() {
    state = InstanceState.READY;
    health.setStatus("", ServingStatus.SERVING);
  }

  void startDraining() {
    state = InstanceState.DRAINING;
    health.setStatus("", ServingStatus.NOT_SERVING);
  }

  /**
   * Stops accepting calls, ends its streams normally (so that clients go elsewhere), lets calls in
   * flight finish for a moment, then closes the port.
   */
  void stop() {
    health.enterTerminalState();
    server.shutdown();
    endStreams();
    GrpcServers.stopGracefully(server, Duration.ofMillis(500));
  }

  Instance describe(String bindAddress) {
    InstanceState current = state;
    return new Instance(
        name,
        Integer.toString(index),
        bindAddress,
        "",
        port,
        String.valueOf(ZONES.charAt(index % ZONES.length())),
        current,
        switch (current) {
          case BOOTING -> "Creating";
          case DRAINING -> "Deleting";
          case READY, UNHEALTHY -> "Succeeded";
        },
        current == InstanceState.BOOTING ? "starting" : "running",
        switch (current) {
          case BOOTING -> "Initializing";
          case READY, DRAINING -> "Healthy";
          case UNHEALTHY -> "Unhealthy";
        });
  }

  /**
   * Ends every open tick stream normally, as a server that is going away asks its clients to go
   * elsewhere.
   */
  private void endStreams() {
    ticking.forEach(TickStream::end);
  }

  private final class Backend extends BackendGrpc.BackendImplBase {
    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
      if (state == InstanceState.BOOTING) {
        response.onError(
            Status.UNAVAILABLE.withDescription(name + " is still booting").asRuntimeException());
        return;
      }
      callsServed.incrementAndGet();
      // INTERNAL, which no retry policy retries: the failure reaches the caller and its reports.
      if (failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare) {
        response.onError(
            Status.INTERNAL
                .withDescription(name + " fails this call on purpose")
                .asRuntimeException());
        return;
      }
      response.onNext(WhoAmIResponse.newBuilder().setInstance(name).build());
      response.onCompleted();
    }

    @Override
    public void ticks(TicksRequest request, StreamObserver<Tick> response) {
      if (state == InstanceState.BOOTING) {
        response.onError(
            Status.UNAVAILABLE.withDescription(name + " is still booting").asRuntimeException());
        return;
      }
      TickStream stream = new TickStream((ServerCallStreamObserver<Tick>) response);
      ticking.add(stream);
      long interval =
          Math.clamp(
              Integer.toUnsignedLong(request.getIntervalMillis()),
              MIN_TICK_MILLIS,
              MAX_TICK_MILLIS);
      stream.schedule(TICKER.scheduleAtFixedRate(stream::tick, 0, interval, TimeUnit.MILLISECONDS));
    }
  }

  /** One open Ticks call: a tick per interval until the client cancels or the instance stops. */
  private final class TickStream {
    private final ServerCallStreamObserver<Tick> response;
    private long sequence;
    private ScheduledFuture<?> ticks;
    private boolean ended;

    TickStream(ServerCallStreamObserver<Tick> response) {
      this.response = response;
      response.setOnCancelHandler(this::stopTicking);
    }

    synchronized void schedule(ScheduledFuture<?> ticks) {
      this.ticks = ticks;
      if (ended) {
        ticks.cancel(false);
      }
    }

    synchronized void tick() {
      if (!ended) {
        response.onNext(Tick.newBuilder().setInstance(name).setSequence(++sequence).build());
      }
    }

    synchronized void end() {
      if (!ended) {
        response.onCompleted();
        stopTicking();
      }
    }

    private synchronized void stopTicking() {
      ended = true;
      ticking.remove(this);
      if (ticks != null) {
        ticks.cancel(false);
      }
    }
  }
}
