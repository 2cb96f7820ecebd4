package io.scalemesh.controlplane.faults;

import java.util.NoSuchElementException;

/**
 * A kind that can make one of its instances fail a share of its calls: the simulation's, for demos.
 */
public interface CallFailures {

  /**
   * Makes {@code instance} fail {@code share} of the calls it serves from now on (0: none).
   *
   * @return the share it failed before
   * @throws NoSuchElementException if no instance of that name exists now
   */
  double failCalls(String instance, double share);
}
