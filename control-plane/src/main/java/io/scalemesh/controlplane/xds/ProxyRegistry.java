package io.scalemesh.controlplane.xds;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows every xDS stream: who it is, what it acknowledged, what it rejected. It also tells the
 * config watcher which version a NACK rejected, so that the rejected config is not sent again.
 */
public final class ProxyRegistry implements DiscoveryServerCallbacks {

  private record Sent(String nonce, String version, Set<String> resourceNames) {}

  /** What a NACK rejected: a version, holding these resources. */
  record Rejected(String version, Set<String> resourceNames) {}

  private record PublishedVersion(String version, Instant at) {}

  /**
   * Mutable per-stream state. Requests arrive on gRPC threads, responses are noted on the thread
   * that sends them (the publisher's, for pushes); a proxy can only answer a response after it was
   * noted here, so every field is safe as a concurrent map or a volatile.
   */
  private static final class Stream {
    final long id;
    final Instant openedAt;
    volatile String nodeId = "";
    volatile String cluster = "";
    volatile String lastNack = "";
    final Map<String, Sent> lastSent = new ConcurrentHashMap<>();

    /** The version it holds of each type it subscribes to, "" until it holds one. */
    final Map<String, String> held = new ConcurrentHashMap<>();

    /** In sync as last worked out, guarded by the stream: to see it become so. */
    boolean inSync;

    Stream(long id, Instant openedAt) {
      this.id = id;
      this.openedAt = openedAt;
    }
  }

  /** What a proxy subscribes to once it holds a type: Envoy and gRPC clients both do so. */
  private static final Map<String, String> NEXT_STEP =
      Map.of(TypeUrls.LISTENER, TypeUrls.CLUSTER, TypeUrls.CLUSTER, TypeUrls.ENDPOINT);

  private final Clock clock;
  private final ControlPlaneMetrics metrics;
  private final EventLog events;
  private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
  private final Map<String, PublishedVersion> published = new ConcurrentHashMap<>();
  private final Convergence convergence;
  private final Map<DiscoveryRequest, Rejected> rejected =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** NACKs go to {@code events}, with the node and the proxy's own words. */
  public ProxyRegistry(Clock clock, ControlPlaneMetrics metrics, EventLog events) {
    this.clock = clock;
    this.metrics = metrics;
    this.events = events;
    this.convergence = new Convergence(metrics);
    metrics.connectedProxies(streams::size);
    TypeUrls.SHORT_NAMES.forEach(metrics::servesXdsType);
  }

  /**
   * Notes the versions now published, to measure how long proxies take to hold them. Publication
   * and acknowledgements race on different threads; each stream works out its own sync under its
   * lock, so every proxy's convergence is seen once, after the publication it converged to.
   */
  void published(XdsResources resources, Instant at) {
    boolean changed = false;
    for (XdsResources.Versioned type : resources.byType()) {
      changed |= record(type.typeUrl(), type.version(), at);
    }
    if (!changed) {
      return;
    }
    Set<Long> outOfSync = new HashSet<>();
    List<Stream> connected = List.copyOf(streams.values());
    for (Stream stream : connected) {
      synchronized (stream) {
        stream.inSync = inSync(stream);
        if (!stream.inSync) {
          outOfSync.add(stream.id);
        }
      }
    }
    convergence.published(at, connected.size(), outOfSync);
  }

  /** Whether {@code version} is new for {@code typeUrl}. */
  private boolean record(String typeUrl, String version, Instant at) {
    PublishedVersion previous = published.get(typeUrl);
    if (previous != null && previous.version().equals(version)) {
      return false;
    }
    published.put(typeUrl, new PublishedVersion(version, at));
    return true;
  }

  /** How long published snapshots took to reach every proxy. */
  public Convergence convergence() {
    return convergence;
  }

  /** What a NACK request rejected, once; null for any other request. */
  Rejected takeRejected(DiscoveryRequest request) {
    return rejected.remove(request);
  }

  public List<ProxyStatus> proxies() {
    return streams.values().stream()
        .map(this::status)
        .sorted(
            Comparator.comparing(ProxyStatus::nodeId).thenComparing(ProxyStatus::connectedSince))
        .toList();
  }

  private ProxyStatus status(Stream stream) {
    Map<String, String> acked = new TreeMap<>();
    stream.held.forEach(
        (typeUrl, version) -> {
          if (!version.isEmpty()) {
            acked.put(TypeUrls.shortName(typeUrl), version);
          }
        });
    return new ProxyStatus(
        stream.nodeId, stream.cluster, stream.openedAt, acked, inSync(stream), stream.lastNack);
  }

  /**
   * It holds the published version of every type it subscribes to, and subscribes to some. A proxy
   * subscribes in steps (listeners, then the clusters they route to, then the clusters' endpoints):
   * holding one step before it asked for the next is not in sync but half-way.
   */
  private boolean inSync(Stream stream) {
    return !stream.held.isEmpty()
        && stream.held.keySet().stream()
            .map(NEXT_STEP::get)
            .filter(Objects::nonNull)
            .allMatch(stream.held::containsKey)
        && stream.held.entrySet().stream()
            .allMatch(
                held -> {
                  PublishedVersion current = published.get(held.getKey());
                  return current != null && current.version().equals(held.getValue());
                });
  }

  /** Notes a change in what the stream holds, and its convergence if that made it in sync. */
  private void held(Stream stream, String typeUrl, String version) {
    synchronized (stream) {
      stream.held.put(typeUrl, version);
      boolean now = inSync(stream);
      if (now && !stream.inSync) {
        convergence.inSync(stream.id, stream.openedAt, clock.instant());
      }
      stream.inSync = now;
    }
  }

  @Override
  public void onStreamOpen(long streamId, String typeUrl) {
    streams.put(streamId, new Stream(streamId, clock.instant()));
  }

  @Override
  public void onStreamClose(long streamId, String typeUrl) {
    closed(streamId);
  }

  @Override
  public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
    closed(streamId);
  }

  private void closed(long streamId) {
    streams.remove(streamId);
    convergence.closed(streamId, clock.instant());
  }

  @Override
  public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
    Stream stream = streams.get(streamId);
    if (stream == null) {
      return;
    }
    if (request.hasNode()) {
      stream.nodeId = request.getNode().getId();
      stream.cluster = request.getNode().getCluster();
    }
    String typeUrl = request.getTypeUrl();
    if (request.getResponseNonce().isEmpty()) {
      // A stream's first request of a type names the version the proxy already holds, from before
      // a reconnect. The server sends nothing when that is the version published (nothing changed),
      // so this request is the only word the proxy gives that it holds it.
      held(stream, typeUrl, request.getVersionInfo());
      return;
    }
    Sent sent = stream.lastSent.get(typeUrl);
    // Like the server, only a reply to the latest response counts; older nonces are stale.
    if (sent == null || !sent.nonce().equals(request.getResponseNonce())) {
      return;
    }
    String type = TypeUrls.shortName(typeUrl);
    if (request.hasErrorDetail()) {
      stream.lastNack = type + " " + sent.version() + ": " + request.getErrorDetail().getMessage();
      rejected.put(request, new Rejected(sent.version(), sent.resourceNames()));
      metrics.nack(type);
      events.append(Event.Kind.NACK, "", stream.nodeId + " rejected " + stream.lastNack);
      return;
    }
    held(stream, typeUrl, sent.version());
    metrics.ack(type);
    PublishedVersion current = published.get(typeUrl);
    if (current != null && current.version().equals(sent.version())) {
      // A proxy that connected after the publication is timed from its connection instead.
      Instant from = current.at().isAfter(stream.openedAt) ? current.at() : stream.openedAt;
      metrics.pushLatency(type, Duration.between(from, clock.instant()).toNanos() / 1e9);
    }
  }

  @Override
  public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
    DiscoveryRequest asSotw = DeltaAsSotw.request(request);
    onV3StreamRequest(streamId, asSotw);
    // No watcher asks for this record: DeltaNacks keeps delta NACKs from looping.
    rejected.remove(asSotw);
  }

  @Override
  public void onV3StreamDeltaResponse(
      long streamId, DeltaDiscoveryRequest request, DeltaDiscoveryResponse response) {
    onV3StreamResponse(streamId, null, DeltaAsSotw.response(response));
  }

  @Override
  public void onV3StreamResponse(
      long streamId, DiscoveryRequest request, DiscoveryResponse response) {
    Stream stream = streams.get(streamId);
    if (stream != null) {
      Set<String> names = new HashSet<>();
      response
          .getResourcesList()
          .forEach(resource -> names.add(Resources.getResourceName(resource)));
      stream.lastSent.put(
          response.getTypeUrl(), new Sent(response.getNonce(), response.getVersionInfo(), names));
    }
  }
}
