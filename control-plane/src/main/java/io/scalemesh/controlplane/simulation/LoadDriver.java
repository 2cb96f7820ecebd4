package io.scalemesh.controlplane.simulation;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.config.SimulationConfig;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.controlplane.xds.client.ProxylessChannels;
import io.scalemesh.model.demo.v1.BackendGrpc;
import io.scalemesh.model.demo.v1.WhoAmIRequest;
import io.scalemesh.model.demo.v1.WhoAmIResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's traffic: real gRPC calls to {@code xds:///service} through the control plane's own
 * xDS, as a proxyless client would make them, at the rate the load profile gives for the current
 * simulated time. The simulated instances' CPU follows what reaches them. Calls that fail are told
 * of in the log, at most every {@value #TELL_FAILURES_SECONDS} seconds.
 */
public final class LoadDriver implements AutoCloseable {
  private static final long TICK_MILLIS = 10;
  private static final int MAX_IN_FLIGHT = 2_000;
  private static final long TELL_FAILURES_SECONDS = 10;
  private static final long WARM_UP_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);

  private final String service;
  private final ManagedChannel channel;
  private final BackendGrpc.BackendStub backend;
  private final LoadProfile profile;
  private final ScaledClock clock;
  private final Instant start;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CallOutcomes outcomes = new CallOutcomes();
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("load-driver").daemon().factory());
  private final AtomicBoolean begun = new AtomicBoolean();
  private double credit;
  private long lastTickNanos;

  public LoadDriver(
      String service, String xdsHost, int xdsPort, SimulationConfig.Load load, ScaledClock clock) {
    this.service = service;
    this.channel = ProxylessChannels.channel(service, xdsHost, xdsPort, "scalemesh-load-driver");
    this.backend = BackendGrpc.newStub(channel);
    this.profile = new LoadProfile(load.profile());
    this.clock = clock;
    this.start = clock.instant();
  }

  /**
   * Connects, then calls. Until the client has resolved the service through xDS and connected to an
   * instance (nearly 2 s of resolution on the demo's first calls), a call only waits out its
   * deadline: failures that tell nothing about scaling. So calls begin once the channel is ready,
   * or after {@value #WARM_UP_SECONDS} s if it never is, when failing calls are the news.
   */
  public LoadDriver start() {
    ticks.schedule(this::begin, WARM_UP_SECONDS, TimeUnit.SECONDS);
    beginWhenReady();
    return this;
  }

  private void beginWhenReady() {
    ConnectivityState state = channel.getState(true);
    if (state == ConnectivityState.READY) {
      begin();
    } else if (!begun.get() && state != ConnectivityState.SHUTDOWN) {
      channel.notifyWhenStateChanged(state, this::beginWhenReady);
    }
  }

  private void begin() {
    if (begun.compareAndSet(false, true)) {
      lastTickNanos = System.nanoTime();
      ticks.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      ticks.scheduleAtFixedRate(
          this::tellFailures, TELL_FAILURES_SECONDS, TELL_FAILURES_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** The service it calls. */
  public String service() {
    return service;
  }

  /** The rate the profile asks for now. */
  public double callsPerSecond() {
    return profile.callsPerSecondAt(Duration.between(start, clock.instant()));
  }

  private void tick() {
    long now = System.nanoTime();
    credit += callsPerSecond() * (now - lastTickNanos) / 1e9;
    lastTickNanos = now;
    while (credit >= 1 && inFlight.get() < MAX_IN_FLIGHT) {
      credit -= 1;
      inFlight.incrementAndGet();
      backend
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .whoAmI(
              WhoAmIRequest.getDefaultInstance(),
              new StreamObserver<>() {
                @Override
                public void onNext(WhoAmIResponse response) {}

                @Override
                public void onError(Throwable t) {
                  inFlight.decrementAndGet();
                  outcomes.failed(t);
                }

                @Override
                public void onCompleted() {
                  inFlight.decrementAndGet();
                  outcomes.succeeded();
                }
              });
    }
    // Calls it could not send now are not owed later: a stalled mesh should not get a burst.
    credit = Math.min(credit, 1);
  }

  private void tellFailures() {
    outcomes.tell().ifPresent(failures -> LOG.warn("Demo traffic to {}: {}", service, failures));
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    channel.shutdownNow();
  }
}
