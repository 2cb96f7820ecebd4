package io.scalemesh.controlplane.xds;

import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What each delta NACK rejected: the resources, with their versions, of the response it answers.
 * java-control-plane records a delta stream's resources only when they are ACKed, so after a NACK
 * it still counts the rejected ones as missing (or old) and the cache would send them again at
 * once: with a resource not yet ACKed (a load assignment Envoy has just asked for), forever. {@link
 * NackAwareConfigWatcher} tells the cache the proxy has seen them instead.
 */
final class DeltaNacks implements DiscoveryServerCallbacks {
  private record Sent(String nonce, Map<String, String> versions) {}

  /** The last response sent per stream and type URL. */
  private final Map<Long, Map<String, Sent>> sent = new ConcurrentHashMap<>();

  private final Map<DeltaDiscoveryRequest, Map<String, String>> rejected =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** The resource versions a NACK request rejected, by name, once; null for any other request. */
  Map<String, String> takeRejected(DeltaDiscoveryRequest request) {
    return rejected.remove(request);
  }

  @Override
  public void onV3StreamDeltaResponse(
      long streamId, DeltaDiscoveryRequest request, DeltaDiscoveryResponse response) {
    Map<String, String> versions =
        response.getResourcesList().stream()
            .collect(Collectors.toMap(Resource::getName, Resource::getVersion));
    sent.computeIfAbsent(streamId, id -> new ConcurrentHashMap<>())
        .put(response.getTypeUrl(), new Sent(response.getNonce(), versions));
  }

  @Override
  public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
    Sent last = sent.getOrDefault(streamId, Map.of()).get(request.getTypeUrl());
    // Only a reply to the latest response counts, as for the server.
    if (request.hasErrorDetail()
        && last != null
        && last.nonce().equals(request.getResponseNonce())) {
      rejected.put(request, last.versions());
    }
  }

  @Override
  public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
    // State-of-the-world streams: ProxyRegistry keeps what their NACKs rejected.
  }

  @Override
  public void onStreamClose(long streamId, String typeUrl) {
    sent.remove(streamId);
  }

  @Override
  public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
    sent.remove(streamId);
  }
}
