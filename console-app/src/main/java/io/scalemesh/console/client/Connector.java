package io.scalemesh.console.client;

/** The connection commands the console's view models give. */
public interface Connector {
  /** Connects to this control plane, dropping any other connection. */
  void connect(ConnectionSettings settings);

  /** Tries again now instead of waiting out the backoff (also after a refused token). */
  void reconnectNow();

  void disconnect();
}
