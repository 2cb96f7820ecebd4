package io.scalemesh.controlplane.xds;

import java.time.Instant;
import java.util.Map;

/**
 * One connected xDS stream as the control plane sees it.
 *
 * @param nodeId the proxy's node id
 * @param cluster the proxy's node cluster
 * @param connectedSince when the stream opened
 * @param ackedVersions the version it last acknowledged, per resource type (short name)
 * @param inSync whether it acknowledged the published version of every type it watches
 * @param lastNack the text of its last rejection, empty if none
 */
public record ProxyStatus(
    String nodeId,
    String cluster,
    Instant connectedSince,
    Map<String, String> ackedVersions,
    boolean inSync,
    String lastNack) {

  public ProxyStatus {
    ackedVersions = Map.copyOf(ackedVersions);
  }
}
