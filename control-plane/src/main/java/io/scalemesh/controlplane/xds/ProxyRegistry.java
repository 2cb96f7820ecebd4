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
    final Instant openedAt;
    volatile String nodeId = "";
    volatile String cluster = "";
    volatile String lastNack = "";
    final Map<String, Sent> lastSent = new ConcurrentHashMap<>();
    final Map<String, String> acked = new ConcurrentHashMap<>();

    Stream(Instant openedAt) {
      this.openedAt = openedAt;
    }
  }

  private final Clock clock;
  private final ControlPlaneMetrics metrics;
  private final EventLog events;
  private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
  private final Map<String, PublishedVersion> published = new ConcurrentHashMap<>();
  private final Map<DiscoveryRequest, Rejected> rejected =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** NACKs go to {@code events}, with the node and the proxy's own words. */
  public ProxyRegistry(Clock clock, ControlPlaneMetrics metrics, EventLog events) {
    this.clock = clock;
    this.metrics = metrics;
    this.events = events;
    metrics.connectedProxies(streams::size);
    TypeUrls.SHORT_NAMES.forEach(metrics::servesXdsType);
  }

  /** Notes the versions now published, to measure how long proxies take to acknowledge them. */
  void published(XdsResources resources, Instant at) {
    resources.byType().forEach(type -> record(type.typeUrl(), type.version(), at));
  }

  private void record(String typeUrl, String version, Instant at) {
    published.compute(
        typeUrl,
        (type, previous) ->
            previous != null && previous.version().equals(version)
                ? previous
                : new PublishedVersion(version, at));
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
    boolean inSync = !stream.lastSent.isEmpty();
    for (String typeUrl : stream.lastSent.keySet()) {
      String ackedVersion = stream.acked.get(typeUrl);
      PublishedVersion current = published.get(typeUrl);
      inSync &= ackedVersion != null && current != null && ackedVersion.equals(current.version());
      if (ackedVersion != null) {
        acked.put(TypeUrls.shortName(typeUrl), ackedVersion);
      }
    }
    return new ProxyStatus(
        stream.nodeId, stream.cluster, stream.openedAt, acked, inSync, stream.lastNack);
  }

  @Override
  public void onStreamOpen(long streamId, String typeUrl) {
    streams.put(streamId, new Stream(clock.instant()));
  }

  @Override
  public void onStreamClose(long streamId, String typeUrl) {
    streams.remove(streamId);
  }

  @Override
  public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
    streams.remove(streamId);
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
    stream.acked.put(typeUrl, sent.version());
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
