package io.scalemesh.controlplane.scale;

/**
 * A request to change one scale set's capacity.
 *
 * @param scaleSet which one
 * @param kind out by, in by, or set to
 * @param amount how many instances (for SET: the capacity)
 * @param reason why, in the requester's words
 * @param idempotencyKey repeating a request with the same key changes nothing again; may be empty
 */
public record CapacityChange(
    String scaleSet, Kind kind, int amount, String reason, String idempotencyKey) {

  public enum Kind {
    OUT_BY,
    IN_BY,
    SET
  }

  /** The capacity this asks for, starting from {@code current}. */
  public int target(int current) {
    return switch (kind) {
      case OUT_BY -> current + amount;
      case IN_BY -> current - amount;
      case SET -> amount;
    };
  }
}
