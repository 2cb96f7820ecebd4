package io.scalemesh.controlplane.discovery.azure;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scale set as its discovery last read it, shared read-only with its scaler, CPU reader and
 * autoscale reader; and the capacity last asked for, until a read made after the ask shows it.
 */
final class ScaleSetState {
  private final AtomicLong patches = new AtomicLong();
  private volatile ScaleSetReader.View last;
  private volatile Integer requested;

  /** A count of capacity requests, to read before a read and give back to {@link #read}. */
  long patches() {
    return patches.get();
  }

  void read(ScaleSetReader.View view, long patchesBefore) {
    last = view;
    if (patches.get() == patchesBefore) {
      // Read after the last PATCH was accepted, so its capacity is in the view.
      requested = null;
    }
  }

  void requested(int capacity) {
    patches.incrementAndGet();
    requested = capacity;
  }

  Optional<ScaleSetReader.View> last() {
    return Optional.ofNullable(last);
  }

  /** Changing now, as last read, or asked to change since. */
  boolean inTransition() {
    ScaleSetReader.View view = last;
    return requested != null || view != null && view.inTransition();
  }

  /** The capacity asked for, else the one last read. */
  OptionalInt capacity() {
    Integer asked = requested;
    ScaleSetReader.View view = last;
    return asked != null
        ? OptionalInt.of(asked)
        : view != null ? OptionalInt.of(view.capacity()) : OptionalInt.empty();
  }
}
