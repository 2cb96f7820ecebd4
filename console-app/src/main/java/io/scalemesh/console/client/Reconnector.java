package io.scalemesh.console.client;

import io.scalemesh.console.client.ConnectionState.Connecting;
import io.scalemesh.console.client.ConnectionState.Idle;
import io.scalemesh.console.client.ConnectionState.Live;
import io.scalemesh.console.client.ConnectionState.Refused;
import io.scalemesh.console.client.ConnectionState.Waiting;

/**
 * The reconnect state machine, without threads or timers so that it can be tested step by step: the
 * client tells it what happened and does what the returned state says (open a stream when {@link
 * Connecting}, schedule {@link #retryDue} after {@link Waiting#retryIn()}).
 *
 * <pre>
 * Idle --start--> Connecting(1) --update--> Live --failure--> Waiting(1) --retryDue--> Connecting(2) ...
 *                 Connecting(n) --failure--> Waiting(n) --retryDue--> Connecting(n+1)
 *                 any --refused token--> Refused;   any --stop--> Idle
 * </pre>
 */
public final class Reconnector {
  private final Backoff backoff;
  private ConnectionState state = new Idle();

  public Reconnector(Backoff backoff) {
    this.backoff = backoff;
  }

  public ConnectionState state() {
    return state;
  }

  /** Begins connecting to {@code address}, whatever the state was. */
  public ConnectionState start(String address) {
    return state = new Connecting(address, 1);
  }

  /** An update arrived on the stream. */
  public ConnectionState received(String identity, boolean mayScale) {
    if (state instanceof Connecting connecting) {
      state = new Live(connecting.address(), identity, mayScale);
    } else if (state instanceof Live live
        && (!live.identity().equals(identity) || live.mayScale() != mayScale)) {
      state = new Live(live.address(), identity, mayScale);
    }
    return state;
  }

  /**
   * The stream ended or could not open.
   *
   * @param retryable false when the control plane refused the token (retrying cannot help)
   */
  public ConnectionState failed(String reason, boolean retryable) {
    state =
        switch (state) {
          case Live live ->
              retryable ? waiting(live.address(), 1, reason) : new Refused(live.address(), reason);
          case Connecting connecting ->
              retryable
                  ? waiting(connecting.address(), connecting.attempt(), reason)
                  : new Refused(connecting.address(), reason);
          case Idle idle -> idle;
          case Waiting waiting -> waiting;
          case Refused refused -> refused;
        };
    return state;
  }

  /** The wait after a failure is over. */
  public ConnectionState retryDue() {
    if (state instanceof Waiting waiting) {
      state = new Connecting(waiting.address(), waiting.attempt() + 1);
    }
    return state;
  }

  /** The operator disconnected. */
  public ConnectionState stop() {
    return state = new Idle();
  }

  private Waiting waiting(String address, int attempt, String reason) {
    return new Waiting(address, attempt, backoff.delay(attempt), reason);
  }
}
