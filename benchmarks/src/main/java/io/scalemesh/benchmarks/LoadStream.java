package io.scalemesh.benchmarks;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * A server stream of a load driver: it can be cut from this side, and it keeps how the server
 * ended it, so that the driver can tell the disconnects it made from the ones it suffered.
 */
abstract class LoadStream<RequestT, ResponseT> implements ClientResponseObserver<RequestT, ResponseT> {
  private ClientCallStreamObserver<RequestT> call;
  private volatile Throwable error;

  @Override
  public final void beforeStart(ClientCallStreamObserver<RequestT> call) {
    this.call = call;
  }

  @Override
  public final void onError(Throwable t) {
    error = t;
  }

  @Override
  public final void onCompleted() {
    error = new IllegalStateException("the control plane ended the stream");
  }

  /** Ends the stream from this side, as a client that goes away does. */
  final synchronized void disconnect() {
    call.cancel("the load driver disconnects", null);
  }

  /** Sends on the stream; a response may arrive while the first request is still being written. */
  final synchronized void send(RequestT request) {
    call.onNext(request);
  }

  /** How the stream ended, if the control plane ended it; null while it is open. */
  final Throwable error() {
    return error;
  }
}
