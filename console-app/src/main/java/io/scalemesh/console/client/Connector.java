package io.scalemesh.console.client;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The connection commands the console's view models give. */
public interface Connector {
  /**
   * Tries a connection without using it: opens a Watch stream of its own and waits for its first
   * update, so that a wrong port or token is said before anything is saved or dropped.
   *
   * @return empty if the control plane answered, else why not, in words; completes on the UI thread
   */
  CompletionStage<Optional<String>> test(ConnectionSettings settings);

  /** Connects to this control plane, dropping any other connection. */
  void connect(ConnectionSettings settings);

  /** Tries again now instead of waiting out the backoff (also after a refused token). */
  void reconnectNow();

  void disconnect();
}
