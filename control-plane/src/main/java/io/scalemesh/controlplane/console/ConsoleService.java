package io.scalemesh.controlplane.console;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.access.Refusal;
import io.scalemesh.controlplane.access.TokenAuthenticator;
import io.scalemesh.controlplane.autoscale.CpuHistory;
import io.scalemesh.controlplane.faults.CallFailureActions;
import io.scalemesh.controlplane.publish.HoldRelease;
import io.scalemesh.controlplane.scale.CapacityChange;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.scale.ScaleOutcome;
import io.scalemesh.controlplane.status.StatusStream;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.FailCallsRequest;
import io.scalemesh.model.console.v1.FailCallsResponse;
import io.scalemesh.model.console.v1.ReleaseHoldRequest;
import io.scalemesh.model.console.v1.ReleaseHoldResponse;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleResponse;
import io.scalemesh.model.console.v1.StatusAtRequest;
import io.scalemesh.model.console.v1.StatusAtResponse;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.time.Duration;
import java.util.Optional;

/**
 * The console API: Watch and StatusAt for viewers and operators; Scale, ReleaseHold and FailCalls
 * for operators.
 */
final class ConsoleService extends ConsoleGrpc.ConsoleImplBase {
  private static final int MAX_DESCRIPTION = 300;
  private final StatusStream status;
  private final ScaleActions scaling;
  private final HoldRelease holdRelease;
  private final CallFailureActions failures;

  ConsoleService(
      StatusStream status,
      ScaleActions scaling,
      HoldRelease holdRelease,
      CallFailureActions failures) {
    this.status = status;
    this.scaling = scaling;
    this.holdRelease = holdRelease;
    this.failures = failures;
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<WatchUpdate> responses) {
    Optional<Caller> caller = caller(responses);
    if (caller.isEmpty()) {
      return;
    }
    Duration history =
        request.getHistorySeconds() == 0
            ? CpuHistory.KEPT
            : Duration.ofSeconds(
                Math.min(request.getHistorySeconds(), CpuHistory.KEPT.toSeconds()));
    ServerCallStreamObserver<WatchUpdate> stream =
        (ServerCallStreamObserver<WatchUpdate>) responses;
    Watcher watcher =
        new Watcher(
            stream,
            WatchUpdate.newBuilder()
                .setIdentity(caller.get().identity())
                .setMayScale(caller.get().mayScale()));
    stream.setOnCancelHandler(() -> status.unsubscribe(watcher));
    stream.setOnReadyHandler(watcher::drain);
    watcher.begin(status.subscribe(history, watcher));
  }

  @Override
  public void statusAt(StatusAtRequest request, StreamObserver<StatusAtResponse> response) {
    if (caller(response).isEmpty()) {
      return;
    }
    Optional<StatusAtResponse> past = status.statusAt(request.getAt());
    if (past.isEmpty()) {
      response.onError(
          Status.NOT_FOUND.withDescription("no status is kept yet").asRuntimeException());
      return;
    }
    response.onNext(past.get());
    response.onCompleted();
  }

  @Override
  public void scale(ScaleRequest request, StreamObserver<ScaleResponse> response) {
    CapacityChange change =
        switch (request.getChangeCase()) {
          case SCALE_OUT_BY -> change(request, CapacityChange.Kind.OUT_BY, request.getScaleOutBy());
          case SCALE_IN_BY -> change(request, CapacityChange.Kind.IN_BY, request.getScaleInBy());
          case SET_CAPACITY -> change(request, CapacityChange.Kind.SET, request.getSetCapacity());
          case CHANGE_NOT_SET -> change(request, CapacityChange.Kind.OUT_BY, 0);
        };
    switch (scaling.request(TokenAuthenticator.caller(), change)) {
      case ScaleOutcome.Accepted accepted -> {
        response.onNext(
            ScaleResponse.newBuilder()
                .setRequest(request)
                .setPreviousCapacity(accepted.previousCapacity())
                .setNewCapacity(accepted.newCapacity())
                .addAllWarnings(accepted.warnings())
                .build());
        response.onCompleted();
      }
      case ScaleOutcome.Rejected rejected ->
          response.onError(status(rejected).asRuntimeException());
    }
  }

  @Override
  public void releaseHold(
      ReleaseHoldRequest request, StreamObserver<ReleaseHoldResponse> response) {
    HoldRelease.Outcome outcome =
        holdRelease.release(
            TokenAuthenticator.caller(), request.getScaleSet(), request.getReason());
    if (outcome.refused().isPresent()) {
      Refusal refusal = outcome.refused().get();
      response.onError(
          (refusal.authenticated() ? Status.PERMISSION_DENIED : Status.UNAUTHENTICATED)
              .withDescription(refusal.message())
              .asRuntimeException());
      return;
    }
    response.onNext(ReleaseHoldResponse.newBuilder().setReleased(outcome.released()).build());
    response.onCompleted();
  }

  @Override
  public void failCalls(FailCallsRequest request, StreamObserver<FailCallsResponse> response) {
    switch (failures.request(
        TokenAuthenticator.caller(),
        request.getScaleSet(),
        request.getInstance(),
        request.getShare(),
        request.getReason())) {
      case CallFailureActions.Done done -> {
        response.onNext(FailCallsResponse.newBuilder().setPreviousShare(done.previous()).build());
        response.onCompleted();
      }
      case CallFailureActions.Refused refused ->
          response.onError(
              (refused.refusal().authenticated()
                      ? Status.PERMISSION_DENIED
                      : Status.UNAUTHENTICATED)
                  .withDescription(refused.refusal().message())
                  .asRuntimeException());
      case CallFailureActions.Invalid invalid ->
          response.onError(
              (switch (invalid.problem()) {
                    case NOT_FOUND -> Status.NOT_FOUND;
                    case NOT_SIMULATED -> Status.FAILED_PRECONDITION;
                    case BAD_SHARE -> Status.INVALID_ARGUMENT;
                  })
                  .withDescription(shorten(invalid.message()))
                  .asRuntimeException());
    }
  }

  /** The caller, any role; when there is none, {@code responses} is told UNAUTHENTICATED. */
  private static Optional<Caller> caller(StreamObserver<?> responses) {
    Optional<Caller> caller = TokenAuthenticator.caller();
    if (caller.isEmpty()) {
      responses.onError(
          Status.UNAUTHENTICATED
              .withDescription("a known bearer token is required")
              .asRuntimeException());
    }
    return caller;
  }

  private static CapacityChange change(ScaleRequest request, CapacityChange.Kind kind, int amount) {
    return new CapacityChange(
        request.getScaleSet(), kind, amount, request.getReason(), request.getIdempotencyKey());
  }

  private static Status status(ScaleOutcome.Rejected rejected) {
    Status status =
        switch (rejected.reason()) {
          case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
          case NOT_AN_OPERATOR -> Status.PERMISSION_DENIED;
          case INVALID -> Status.INVALID_ARGUMENT;
          case OUT_OF_BOUNDS -> Status.FAILED_PRECONDITION;
          case UNAVAILABLE -> Status.UNAVAILABLE;
        };
    return status.withDescription(shorten(rejected.message()));
  }

  /**
   * Messages can quote what the caller sent; a status travels in HTTP/2 trailers, which clients cap
   * (8 KiB in grpc-java), so an oversized name would turn a clear refusal into INTERNAL.
   */
  private static String shorten(String message) {
    return message.length() <= MAX_DESCRIPTION
        ? message
        : message.substring(0, MAX_DESCRIPTION) + "...";
  }
}
