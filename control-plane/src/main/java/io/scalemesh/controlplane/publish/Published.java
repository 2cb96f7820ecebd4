package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.xds.XdsResources;
import java.time.Instant;

/** The mesh state proxies are being served, the xDS resources it became, and since when. */
public record Published(MeshState state, XdsResources resources, Instant at) {}
