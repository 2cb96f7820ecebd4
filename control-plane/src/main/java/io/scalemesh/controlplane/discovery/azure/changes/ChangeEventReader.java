package io.scalemesh.controlplane.discovery.azure.changes;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueErrorCode;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import io.scalemesh.controlplane.config.AzureConfig;
import io.scalemesh.controlplane.discovery.Backoff;
import io.scalemesh.controlplane.discovery.ChangeHints;
import io.scalemesh.controlplane.discovery.azure.AzureSession;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Reads Resource Manager's change events from the Storage queue an Event Grid subscription on the
 * resource group fills, and has each scale set an event concerns read at once, instead of at the
 * end of its period. Events are hints: the scale set is read whole as always, so a lost, late or
 * repeated event changes only when a change is seen, never what is seen.
 *
 * <p>A message is deleted once a read that started after its event has ended (whatever the read's
 * outcome), so that a control plane that stops in between leaves it for the next reader. A
 * malformed event, a second delivery of one (same id) and one that concerns no discovered scale set
 * are dropped: logged, counted, and deleted at once, so that none comes back forever. While the
 * queue cannot be read the scale sets are polled as without events; the outage is logged and put in
 * the event log once, the queue is tried again with the sources' backoff, and it shows in /metrics
 * until it ends.
 */
public final class ChangeEventReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeEventReader.class);

  /**
   * Storage queues are not long-polled: an empty queue is asked again after this. Half a second
   * keeps "seen within a second" with the read itself; it is two requests a second, which Storage
   * bills at cents a day.
   */
  static final Duration EMPTY_QUEUE_WAIT = Duration.ofMillis(500);

  /**
   * How long a received message is hidden from the queue's readers: when a control plane stops
   * before deleting it, another sees it after this. A message whose read takes longer (a scale set
   * in backoff) comes back to this reader, which then keeps waiting for the same read.
   */
  static final Duration VISIBILITY = Duration.ofSeconds(30);

  /** The most messages Storage hands out at once. */
  static final int BATCH = 32;

  /** A call that has not answered by then is an outage, not a wait. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /** Longer than Event Grid retries a delivery (the event time to live the Terraform sets). */
  static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);

  static final int DUPLICATES_KEPT = 10_000;

  /** What became of an event, as /metrics counts it. */
  enum Outcome {
    HINTED,
    MALFORMED,
    DUPLICATE,
    FOREIGN;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A message whose event asked for reads: deleted once they have ended. */
  private record Pending(String popReceipt, CompletableFuture<Void> answered) {}

  private final QueueClient queue;
  private final String queueUrl;
  private final List<ChangeHints> scaleSets;
  private final EventLog events;
  private final ControlPlaneMetrics metrics;
  private final RecentIds seen = new RecentIds(DUPLICATE_WINDOW, DUPLICATES_KEPT);
  private final Map<String, Pending> pending = new LinkedHashMap<>(); // by message id; run() only
  private Thread thread;
  private volatile boolean closed;

  private ChangeEventReader(
      QueueClient queue,
      String queueUrl,
      List<ChangeHints> scaleSets,
      EventLog events,
      ControlPlaneMetrics metrics) {
    this.queue = queue;
    this.queueUrl = queueUrl;
    this.scaleSets = List.copyOf(scaleSets);
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * A reader of {@code azure.changeEvents()}'s queue for these scale sets, as the configured Azure
   * credential or with the connection string in its file; nothing is read before {@link #start}.
   */
  public static ChangeEventReader of(
      AzureConfig azure,
      List<ChangeHints> scaleSets,
      EventLog events,
      ControlPlaneMetrics metrics) {
    AzureConfig.ChangeEvents config = azure.changeEvents();
    QueueClientBuilder builder =
        new QueueClientBuilder()
            .httpClient(new JdkHttpClientBuilder().build())
            // One try per call: this reader's backoff paces retries, and an outage shows at once.
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.FIXED, 1, (Integer) null, null, null, null));
    if (config.connectionStringFile() != null) {
      builder.connectionString(connectionString(config));
    } else {
      builder.credential(AzureSession.credential(azure));
    }
    // After the connection string, whose own endpoint this replaces: the queue's URL rules.
    builder.endpoint(config.queue().toString());
    return new ChangeEventReader(
        builder.buildClient(), config.queue().toString(), scaleSets, events, metrics);
  }

  private static String connectionString(AzureConfig.ChangeEvents config) {
    try {
      return Files.readString(config.connectionStringFile()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "azure.change_events.connection_string_file cannot be read", e);
    }
  }

  /** Starts reading in the background; returns itself, to close. */
  public synchronized ChangeEventReader start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = Thread.ofPlatform().daemon().name("azure-change-events").start(this::run);
    return this;
  }

  private void run() {
    int failures = 0;
    while (!closed) {
      boolean empty;
      try {
        deleteAnswered();
        List<QueueMessageItem> messages = receive();
        if (failures > 0) {
          LOG.info("the change events' queue {} is read again", queueUrl);
          failures = 0;
        }
        metrics.azureChangeEventsHealthy(true);
        messages.forEach(this::handle);
        empty = messages.isEmpty();
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        if (failures++ == 0) {
          unreachable(e);
        }
        if (!sleep(Backoff.after(failures, ThreadLocalRandom.current()))) {
          return;
        }
        continue;
      }
      if (empty && !sleep(EMPTY_QUEUE_WAIT)) {
        return;
      }
    }
  }

  private List<QueueMessageItem> receive() {
    List<QueueMessageItem> messages = new ArrayList<>();
    queue.receiveMessages(BATCH, VISIBILITY, CALL_TIMEOUT, Context.NONE).forEach(messages::add);
    return messages;
  }

  private void handle(QueueMessageItem message) {
    Pending waiting = pending.get(message.getMessageId());
    if (waiting != null) {
      // Its reads outlasted VISIBILITY; deleting it now takes the receipt it came back with.
      pending.put(message.getMessageId(), new Pending(message.getPopReceipt(), waiting.answered()));
      return;
    }
    ChangeEvent event;
    try {
      event = ChangeEvent.parse(message.getBody().toString());
    } catch (IllegalArgumentException e) {
      drop(message, Outcome.MALFORMED, "message " + message.getMessageId() + ": " + e.getMessage());
      return;
    }
    if (!seen.firstTime(event.id(), Instant.now())) {
      drop(message, Outcome.DUPLICATE, "event " + event.id() + " was read before");
      return;
    }
    List<ChangeHints> concerned =
        event.aboutAResource()
            ? scaleSets.stream().filter(scaleSet -> scaleSet.concerns(event.subject())).toList()
            : List.of();
    if (concerned.isEmpty()) {
      drop(
          message,
          Outcome.FOREIGN,
          "event "
              + event.id()
              + " ("
              + event.type()
              + " on "
              + event.subject()
              + ")"
              + " concerns no scale set discovered here");
      return;
    }
    LOG.debug("event {} ({} on {}): reading now", event.id(), event.type(), event.subject());
    metrics.azureChangeEvent(Outcome.HINTED.label());
    pending.put(
        message.getMessageId(),
        new Pending(
            message.getPopReceipt(),
            CompletableFuture.allOf(
                concerned.stream().map(ChangeHints::hint).toArray(CompletableFuture[]::new))));
  }

  /** Deletes the messages whose reads have ended; a read cut short by a close deletes nothing. */
  private void deleteAnswered() {
    for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Pending> entry = it.next();
      CompletableFuture<Void> answered = entry.getValue().answered();
      if (!answered.isDone()) {
        continue;
      }
      if (!answered.isCompletedExceptionally()) {
        delete(entry.getKey(), entry.getValue().popReceipt());
      }
      it.remove();
    }
  }

  private void drop(QueueMessageItem message, Outcome outcome, String why) {
    // What a message says is anyone's text: one line of it, and not too much. Only a malformed one
    // is a warning: repeats and events about other resources are Event Grid working as designed.
    LOG.atLevel(outcome == Outcome.MALFORMED ? Level.WARN : Level.INFO)
        .log("change event dropped ({}): {}", outcome.label(), printable(why));
    metrics.azureChangeEvent(outcome.label());
    delete(message.getMessageId(), message.getPopReceipt());
  }

  private void delete(String messageId, String popReceipt) {
    try {
      queue.deleteMessageWithResponse(messageId, popReceipt, CALL_TIMEOUT, Context.NONE);
    } catch (QueueStorageException e) {
      // Gone already, or received again elsewhere since: either way it is not this reader's.
      if (!QueueErrorCode.MESSAGE_NOT_FOUND.equals(e.getErrorCode())
          && !QueueErrorCode.POP_RECEIPT_MISMATCH.equals(e.getErrorCode())) {
        throw e;
      }
    }
  }

  private void unreachable(RuntimeException e) {
    String message =
        "the change events' queue "
            + queueUrl
            + " cannot be read ("
            + rootCause(e)
            + "); scale sets are read every refresh_seconds until it can";
    LOG.warn(message);
    events.append(Event.Kind.DISCOVERY_ERROR, "", message);
    metrics.azureChangeEventsHealthy(false);
  }

  /** What went wrong at the bottom (the HTTP client wraps a refused connection twice), briefly. */
  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("").strip();
    return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  private static String printable(String text) {
    String line = text.replaceAll("\\p{Cntrl}", " ");
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }

  private boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
