package io.scalemesh.controlplane.mesh;

/** How the mesh talks to a service's instances, which decides HTTP/2 and the health check. */
public enum BackendProtocol {
  GRPC,
  HTTP
}
