package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.mesh.MeshState;
import java.time.Instant;

/** The mesh state proxies are being served, and since when. */
public record Published(MeshState state, Instant at) {}
