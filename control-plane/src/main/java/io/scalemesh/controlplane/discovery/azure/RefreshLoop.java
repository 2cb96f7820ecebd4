package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.exception.HttpResponseException;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.discovery.RefreshRetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Azure source's loop: read the whole set, report it, wait for the next refresh. A read that
 * fails (after the SDK's own retries) is reported and backed off, by at least the Retry-After
 * Resource Manager asked for, so that a throttled subscription is not made worse.
 */
final class RefreshLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshLoop.class);
  private final String scaleSet;
  private final Duration period;
  private final Supplier<List<Instance>> read;
  private final Clock clock;
  private Thread thread;
  private volatile boolean closed;

  RefreshLoop(String scaleSet, Duration period, Supplier<List<Instance>> read, Clock clock) {
    this.scaleSet = scaleSet;
    this.period = period;
    this.read = read;
    this.clock = clock;
  }

  synchronized void start(Consumer<DiscoveryReport> reports) {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = Thread.ofPlatform().daemon().name("azure-" + scaleSet).start(() -> run(reports));
  }

  private void run(Consumer<DiscoveryReport> reports) {
    RetryPolicy<List<Instance>> retry = RefreshRetry.<List<Instance>>backoff(RuntimeException.class)
        // The SDK turns an interrupt into a RuntimeException: after close, that ends the loop, not a retry.
        .abortIf((result, failure) -> closed)
        // The backoff's jitter (up to a quarter either way) applies here too: stretch Retry-After by a
        // third so that even the earliest jittered retry waits all of it. Negative: use the backoff.
        .withDelayFn(context -> retryAfter(context.getLastException())
            .map(wait -> wait.plus(wait.dividedBy(3)))
            .orElse(Duration.ofMillis(-1)))
        .onFailedAttempt(failure -> reports.accept(
            new DiscoveryReport.Failed(scaleSet, describe(failure.getLastException()), clock.instant())))
        .build();
    while (!closed) {
      try {
        List<Instance> instances = Failsafe.with(retry).get(read::get);
        reports.accept(new DiscoveryReport.Complete(scaleSet, instances, clock.instant()));
        Thread.sleep(period);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        // Whatever it was, this loop is all there is to discover the scale set: it must not end.
        LOG.error("the refresh loop of {} failed; it goes on", scaleSet, e);
      }
    }
  }

  /** Resource Manager's Retry-After, in seconds (the form it uses), if the failure carried one. */
  static Optional<Duration> retryAfter(Throwable failure) {
    if (failure instanceof HttpResponseException http && http.getResponse() != null) {
      try {
        return Optional.ofNullable(http.getResponse().getHeaderValue("Retry-After"))
            .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.strip())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static String describe(Throwable failure) {
    if (failure instanceof HttpResponseException http && http.getResponse() != null) {
      String message = http.getMessage() == null ? "" : http.getMessage().lines().findFirst().orElse("");
      return "Resource Manager answered HTTP " + http.getResponse().getStatusCode() + ": " + message;
    }
    return "Resource Manager could not be read: " + failure;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
