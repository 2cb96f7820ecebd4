package io.scalemesh.controlplane.xds;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.cache.DeltaResponse;
import io.envoyproxy.controlplane.cache.DeltaWatch;
import io.envoyproxy.controlplane.cache.DeltaXdsRequest;
import io.envoyproxy.controlplane.cache.Response;
import io.envoyproxy.controlplane.cache.Watch;
import io.envoyproxy.controlplane.cache.XdsRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps a NACK from becoming a resend loop. A NACK carries the last version the proxy accepted,
 * which differs from the cache's, so the cache alone would answer it at once with the very config
 * just rejected, forever. Here a NACK is treated as "I have seen the rejected version": the watch
 * opens and fires only when a different version is published. Delta streams likewise: the resources
 * a delta NACK rejected count as held by the proxy, so only a later change to them (or another
 * resource) is sent.
 */
final class NackAwareConfigWatcher implements ConfigWatcher {
  private final ConfigWatcher cache;
  private final ProxyRegistry registry;
  private final DeltaNacks deltaNacks;

  NackAwareConfigWatcher(ConfigWatcher cache, ProxyRegistry registry, DeltaNacks deltaNacks) {
    this.cache = cache;
    this.registry = registry;
    this.deltaNacks = deltaNacks;
  }

  @Override
  public Watch createWatch(
      boolean ads,
      XdsRequest request,
      Set<String> knownResourceNames,
      Consumer<Response> responseConsumer,
      boolean hasClusterChanged,
      boolean allowDefaultEmptyEdsUpdate) {
    ProxyRegistry.Rejected rejected = registry.takeRejected(request.v3Request());
    if (rejected == null) {
      return cache.createWatch(
          ads,
          request,
          knownResourceNames,
          responseConsumer,
          hasClusterChanged,
          allowDefaultEmptyEdsUpdate);
    }
    XdsRequest asIfAccepted =
        XdsRequest.create(
            request.v3Request().toBuilder().setVersionInfo(rejected.version()).build());
    // The proxy has seen what the rejected response held; a name it asks for beyond those is new
    // to it, and the cache answers that at once, as it should.
    return cache.createWatch(
        ads,
        asIfAccepted,
        rejected.resourceNames(),
        responseConsumer,
        false,
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
    Map<String, String> rejected = deltaNacks.takeRejected(request.v3Request());
    if (rejected == null) {
      return cache.createDeltaWatch(
          request,
          requesterVersion,
          resourceVersions,
          pendingResources,
          isWildcard,
          responseConsumer,
          hasClusterChanged);
    }
    Map<String, String> seen = new HashMap<>(resourceVersions);
    seen.putAll(rejected);
    Set<String> stillPending = new HashSet<>(pendingResources);
    stillPending.removeAll(rejected.keySet());
    // Not "clusters changed": that makes the cache answer an endpoint watch at once, with what the
    // proxy has just rejected.
    return cache.createDeltaWatch(
        request, requesterVersion, seen, stillPending, isWildcard, responseConsumer, false);
  }
}
