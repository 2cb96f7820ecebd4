package io.scalemesh.controlplane.discovery.consul;

/** A query Consul did not answer usefully; the message says why, for the operator. */
final class ConsulException extends Exception {
  ConsulException(String message) {
    super(message);
  }

  ConsulException(String message, Throwable cause) {
    super(message, cause);
  }
}
