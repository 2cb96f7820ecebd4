package io.scalemesh.controlplane.xds;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;

/**
 * A delta request or response as the state-of-the-world one that says the same to {@link
 * ProxyRegistry}: who asks, which response it answers (its nonce), whether it rejects it, and the
 * type's version (a delta response's system version is the snapshot's version of the type). So a
 * delta stream is followed as any other: connected, acknowledged versions, in sync, NACKs.
 */
final class DeltaAsSotw {
  private DeltaAsSotw() {}

  static DiscoveryRequest request(DeltaDiscoveryRequest delta) {
    DiscoveryRequest.Builder request =
        DiscoveryRequest.newBuilder()
            .setTypeUrl(delta.getTypeUrl())
            .setResponseNonce(delta.getResponseNonce());
    if (delta.hasNode()) {
      request.setNode(delta.getNode());
    }
    if (delta.hasErrorDetail()) {
      request.setErrorDetail(delta.getErrorDetail());
    }
    return request.build();
  }

  static DiscoveryResponse response(DeltaDiscoveryResponse delta) {
    DiscoveryResponse.Builder response =
        DiscoveryResponse.newBuilder()
            .setTypeUrl(delta.getTypeUrl())
            .setVersionInfo(delta.getSystemVersionInfo())
            .setNonce(delta.getNonce());
    delta.getResourcesList().forEach(resource -> response.addResources(resource.getResource()));
    return response.build();
  }
}
