package io.scalemesh.controlplane.discovery.consul;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.scalemesh.controlplane.config.ConsulConfig;
import io.scalemesh.controlplane.config.DiscoveryConfig.ConsulDiscovery;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.discovery.RefreshRetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Consul service as a scale set: a loop of blocking queries of its health, each answer a
 * complete report. A failed query is reported, backed off, and followed by a fresh (non-blocking)
 * query, so that recovery does not wait for the catalog to change.
 */
public final class ConsulSource implements DiscoverySource {
  private static final Logger LOG = LoggerFactory.getLogger(ConsulSource.class);
  private final String scaleSet;
  private final String service;
  private final Optional<String> tag;
  private final ConsulHealthClient client;
  private final Duration minInterval;
  private final Clock clock;
  private Thread loop;
  private volatile boolean closed;

  /** The mesh service {@code scaleSet}, found in Consul as {@code discovery} says. */
  public ConsulSource(String scaleSet, ConsulDiscovery discovery, ConsulConfig consul, Clock clock) {
    this.scaleSet = scaleSet;
    this.service = discovery.serviceOr(scaleSet);
    this.tag = Optional.ofNullable(discovery.tag());
    this.client = new ConsulHealthClient(consul, () -> token(consul));
    this.minInterval = consul.minInterval();
    this.clock = clock;
  }

  @Override
  public String scaleSet() {
    return scaleSet;
  }

  @Override
  public synchronized void start(Consumer<DiscoveryReport> reports) {
    if (loop != null) {
      throw new IllegalStateException("already started");
    }
    loop = Thread.ofPlatform().daemon().name("consul-" + scaleSet).start(() -> run(reports));
  }

  private void run(Consumer<DiscoveryReport> reports) {
    AtomicLong index = new AtomicLong(BlockingIndex.FRESH);
    RetryPolicy<List<Instance>> retry = RefreshRetry.<List<Instance>>backoff(ConsulException.class)
        .abortIf((result, failure) -> closed)
        .onFailedAttempt(failure -> {
          index.set(BlockingIndex.FRESH);
          reports.accept(new DiscoveryReport.Failed(scaleSet, failure.getLastException().getMessage(), clock.instant()));
        })
        .build();
    while (!closed) {
      try {
        long started = System.nanoTime();
        List<Instance> instances = Failsafe.with(retry).get(() -> query(index));
        reports.accept(new DiscoveryReport.Complete(scaleSet, instances, clock.instant()));
        // Consul asks blocking clients to rate-limit: a catalog that changes all the time would
        // otherwise make this loop spin.
        TimeUnit.NANOSECONDS.sleep(minInterval.toNanos() - (System.nanoTime() - started));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed || e instanceof FailsafeException && e.getCause() instanceof InterruptedException) {
          return;
        }
        // Whatever it was, this loop is all there is to discover the service: it must not end.
        LOG.error("the discovery loop of {} failed; it goes on", scaleSet, e);
        index.set(BlockingIndex.FRESH);
      }
    }
  }

  private List<Instance> query(AtomicLong index) throws ConsulException, InterruptedException {
    long sent = index.get();
    ConsulHealthClient.Answer answer = client.health(service, tag, sent);
    List<Instance> instances = ConsulInstances.of(answer.entries());
    index.set(BlockingIndex.next(sent, answer.index()));
    return instances;
  }

  private static Optional<String> token(ConsulConfig consul) {
    if (consul.tokenFile() == null) {
      return Optional.ofNullable(System.getenv("CONSUL_HTTP_TOKEN")).filter(t -> !t.isBlank());
    }
    try {
      return Optional.of(Files.readString(consul.tokenFile()).strip()).filter(t -> !t.isEmpty());
    } catch (IOException e) {
      // Reported like any failed query, and retried: the file may be being rotated.
      throw new UncheckedIOException("cannot read consul.token_file " + consul.tokenFile() + ": " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (loop != null) {
      loop.interrupt();
    }
    client.close();
  }
}
