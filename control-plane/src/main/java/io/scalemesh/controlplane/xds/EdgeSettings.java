package io.scalemesh.controlplane.xds;

/**
 * The Envoy gateway's public listener, which routes to every service.
 *
 * @param listenerName the LDS name of the edge listener (and of its route configuration)
 * @param port the port Envoy listens on for ingress traffic
 */
public record EdgeSettings(String listenerName, int port) {}
