package io.scalemesh.controlplane.xds;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.cache.DeltaResponse;
import io.envoyproxy.controlplane.cache.DeltaWatch;
import io.envoyproxy.controlplane.cache.DeltaXdsRequest;
import io.envoyproxy.controlplane.cache.Response;
import io.envoyproxy.controlplane.cache.Watch;
import io.envoyproxy.controlplane.cache.XdsRequest;
import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Admission control for first pushes: when thousands of proxies connect at once (a control plane
 * restarted under them), at most {@code maxInFlight} streams are sent their first response of a
 * type at a time, and the others wait in the order their requests arrived. A push is in flight from
 * when it is sent until the proxy answers it (ACK or NACK), its stream ends, or {@link #HOLD}
 * passes, so that a proxy that never answers cannot keep a permit. Without a bound, every stream's
 * full response is serialised and buffered at once (istiod's proxies waited minutes in such a storm
 * until it throttled requests, istio issue 35263); with one, the ones admitted finish quickly and
 * the queue drains in order, so no proxy waits behind many that came later.
 *
 * <p>java-control-plane offers no seam between a request and the response its watch sends, so this
 * is two seams: as a callback it sees which stream a request comes on, just before, on the same
 * thread, the server asks the config watcher for that request; as the config watcher's wrapper it
 * holds back the response of an initial request (one with no response nonce, state-of-the-world or
 * delta) until admitted.
 */
public final class InitialPushAdmission implements DiscoveryServerCallbacks, AutoCloseable {
  /** How long an unanswered first push keeps its permit. */
  static final Duration HOLD = Duration.ofSeconds(10);

  private record Key(long streamId, String typeUrl) {}

  /** One first push, queued or in flight; its fields are guarded by the admission's lock. */
  private static final class Push {
    final Key key;
    final Runnable send;
    boolean granted;
    boolean ended;
    ScheduledFuture<?> expiry;

    Push(Key key, Runnable send) {
      this.key = key;
      this.send = send;
    }
  }

  private final int maxInFlight;
  private final Duration hold;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("xds-admission").unstarted(runnable));

  /** The stream of the request being handled on this thread, if it is an initial one. */
  private final ThreadLocal<Long> initialRequestStream = new ThreadLocal<>();

  private final Object lock = new Object();
  private final ArrayDeque<Push> queue = new ArrayDeque<>();
  private final Map<Long, Map<String, Push>> byStream = new HashMap<>();
  private int queued;
  private int inFlight;

  /** At most {@code maxInFlight} first pushes at once; 0 for no bound. */
  public InitialPushAdmission(int maxInFlight, ControlPlaneMetrics metrics) {
    this(maxInFlight, HOLD, metrics);
  }

  InitialPushAdmission(int maxInFlight, Duration hold, ControlPlaneMetrics metrics) {
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must be 0 (no bound) or more");
    }
    this.maxInFlight = maxInFlight;
    this.hold = hold;
    metrics.initialPushes(this::queued, this::inFlight);
  }

  /** No bound: every first push is sent at once. */
  static InitialPushAdmission unbounded() {
    return new InitialPushAdmission(0, HOLD, new ControlPlaneMetrics());
  }

  /** {@code watcher}, whose responses to initial requests wait their turn here. */
  ConfigWatcher watching(ConfigWatcher watcher) {
    return maxInFlight == 0 ? watcher : new AdmittingWatcher(watcher);
  }

  /** First pushes waiting for a permit. */
  public int queued() {
    synchronized (lock) {
      return queued;
    }
  }

  /** First pushes sent and not yet answered. */
  public int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  @Override
  public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
    onRequest(streamId, request.getTypeUrl(), request.getResponseNonce());
  }

  @Override
  public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
    onRequest(streamId, request.getTypeUrl(), request.getResponseNonce());
  }

  /**
   * Notes the stream of an initial request (no nonce) for the watch about to be created; a reply to
   * a response (a nonce) ends that stream's first push of the type, if it was sent.
   */
  private void onRequest(long streamId, String typeUrl, String nonce) {
    if (maxInFlight == 0) {
      return;
    }
    if (nonce.isEmpty()) {
      initialRequestStream.set(streamId);
      return;
    }
    initialRequestStream.remove();
    Push answered;
    synchronized (lock) {
      answered = byStream.getOrDefault(streamId, Map.of()).get(typeUrl);
    }
    // Only a push that was sent can be answered; one still queued waits on.
    if (answered != null && granted(answered)) {
      end(answered);
    }
  }

  @Override
  public void onStreamClose(long streamId, String typeUrl) {
    endStream(streamId);
  }

  @Override
  public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
    endStream(streamId);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private boolean granted(Push push) {
    synchronized (lock) {
      return push.granted;
    }
  }

  private void endStream(long streamId) {
    List<Push> pushes;
    synchronized (lock) {
      pushes = new ArrayList<>(byStream.getOrDefault(streamId, Map.of()).values());
    }
    pushes.forEach(this::end);
  }

  private void admit(Key key, Runnable send) {
    Push push = new Push(key, send);
    Push earlier;
    synchronized (lock) {
      earlier =
          byStream.computeIfAbsent(key.streamId(), id -> new HashMap<>()).put(key.typeUrl(), push);
      queue.add(push);
      queued++;
    }
    if (earlier != null) {
      end(earlier); // a new initial request of the same type replaces the earlier one
    }
    grant();
  }

  private void end(Push push) {
    synchronized (lock) {
      if (push.ended) {
        return;
      }
      push.ended = true;
      Map<String, Push> pushes = byStream.get(push.key.streamId());
      if (pushes != null && pushes.remove(push.key.typeUrl(), push) && pushes.isEmpty()) {
        byStream.remove(push.key.streamId());
      }
      if (push.granted) {
        inFlight--;
        push.expiry.cancel(false);
      } else {
        queued--; // it stays in the queue, skipped when its turn comes
      }
    }
    grant();
  }

  /** Sends the next queued pushes while permits are free, outside the lock. */
  private void grant() {
    List<Push> admitted = new ArrayList<>();
    synchronized (lock) {
      while (inFlight < maxInFlight && !queue.isEmpty()) {
        Push next = queue.poll();
        if (next.ended) {
          continue;
        }
        next.granted = true;
        queued--;
        inFlight++;
        next.expiry = timer.schedule(() -> end(next), hold.toMillis(), TimeUnit.MILLISECONDS);
        admitted.add(next);
      }
    }
    admitted.forEach(push -> push.send.run());
  }

  /**
   * {@code consumer}, whose response waits its turn when the request being handled on this thread
   * is an initial one.
   */
  private <R> Consumer<R> admitted(String typeUrl, Consumer<R> consumer) {
    Long streamId = initialRequestStream.get();
    initialRequestStream.remove();
    if (streamId == null) {
      return consumer;
    }
    Key key = new Key(streamId, typeUrl);
    return response -> admit(key, () -> consumer.accept(response));
  }

  private final class AdmittingWatcher implements ConfigWatcher {
    private final ConfigWatcher watcher;

    AdmittingWatcher(ConfigWatcher watcher) {
      this.watcher = watcher;
    }

    @Override
    public Watch createWatch(
        boolean ads,
        XdsRequest request,
        Set<String> knownResourceNames,
        Consumer<Response> responseConsumer,
        boolean hasClusterChanged,
        boolean allowDefaultEmptyEdsUpdate) {
      return watcher.createWatch(
          ads,
          request,
          knownResourceNames,
          admitted(request.getTypeUrl(), responseConsumer),
          hasClusterChanged,
          allowDefaultEmptyEdsUpdate);
    }

    @Override
    public DeltaWatch createDeltaWatch(
        DeltaXdsRequest request,
        String requesterVersion,
        Map<String, String> resourceVersions,
        Set<String> pendingResources,
        boolean isWildcard,
        Consumer<DeltaResponse> responseConsumer,
        boolean hasClusterChanged) {
      return watcher.createDeltaWatch(
          request,
          requesterVersion,
          resourceVersions,
          pendingResources,
          isWildcard,
          admitted(request.getTypeUrl(), responseConsumer),
          hasClusterChanged);
    }
  }
}
