package io.scalemesh.console.client;

import java.util.Optional;

/**
 * What the connection lets an operator change: nothing while status is not live (a change decided
 * on stale figures could surprise), and only with an operator's token. The control plane checks
 * again; the console checks first so that a button never offers what would be refused.
 *
 * @param mayChange whether the token is an operator's
 * @param identity whose token it is
 */
public record OperatorAccess(boolean live, boolean mayChange, String identity) {
  public static final OperatorAccess NOT_LIVE = new OperatorAccess(false, false, "");

  public static OperatorAccess of(ConnectionState state) {
    return state instanceof ConnectionState.Live live
        ? new OperatorAccess(true, live.mayScale(), live.identity())
        : NOT_LIVE;
  }

  /** Why {@code action} ("scaling") is not possible now; empty when it is. */
  public Optional<String> blocked(String action) {
    if (!live) {
      return Optional.of("Not connected: " + action + " waits for live data");
    }
    if (!mayChange) {
      return Optional.of(
          "Read-only: " + identity + " has a viewer token, " + action + " needs an operator's");
    }
    return Optional.empty();
  }
}
