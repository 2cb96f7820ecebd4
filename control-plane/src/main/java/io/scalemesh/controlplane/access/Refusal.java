package io.scalemesh.controlplane.access;

import java.util.Optional;

/**
 * Why a caller may not change the mesh (scale it, release a hold): no known token, or a viewer's.
 *
 * @param authenticated whether the caller presented a known token at all
 */
public record Refusal(boolean authenticated, String message) {

  /** The refusal of {@code what} (e.g. "scaling") to {@code caller}, unless it is an operator. */
  public static Optional<Refusal> ofChange(Optional<Caller> caller, String what) {
    if (caller.isEmpty()) {
      return Optional.of(new Refusal(false, "a known bearer token is required"));
    }
    if (!caller.get().mayScale()) {
      return Optional.of(
          new Refusal(
              true,
              caller.get().identity() + " is a viewer; " + what + " needs the operator role"));
    }
    return Optional.empty();
  }
}
