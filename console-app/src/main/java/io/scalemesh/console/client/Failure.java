package io.scalemesh.console.client;

import io.grpc.Status;

/**
 * A failed call, in words an operator can act on.
 *
 * @param retryable false when calling again cannot help until something changes (the token)
 */
public record Failure(String reason, boolean retryable) {

  public static Failure of(Throwable error) {
    Status status = Status.fromThrowable(error);
    String detail =
        status.getDescription() != null
            ? status.getDescription()
            : status.getCode() == Status.Code.UNKNOWN && error.getMessage() != null
                ? error.getMessage()
                : "";
    return switch (status.getCode()) {
      case UNAUTHENTICATED -> new Failure("the control plane does not accept this token", false);
      case PERMISSION_DENIED -> new Failure(orElse(detail, "this token may not do that"), false);
      case UNAVAILABLE ->
          new Failure("control plane unreachable" + (detail.isEmpty() ? "" : ": " + detail), true);
      case DEADLINE_EXCEEDED -> new Failure("the control plane did not answer in time", true);
      case FAILED_PRECONDITION, INVALID_ARGUMENT ->
          new Failure(orElse(detail, status.getCode().name()), false);
      default -> new Failure(status.getCode() + (detail.isEmpty() ? "" : ": " + detail), true);
    };
  }

  private static String orElse(String detail, String fallback) {
    return detail.isEmpty() ? fallback : detail;
  }
}
