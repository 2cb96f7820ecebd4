package io.scalemesh.controlplane.publish;

import java.util.List;

/**
 * A mesh state could not be served as it is (its resources break Envoy's rules); nothing changed.
 */
public final class StateRefusedException extends Exception {
  private final int count;
  private final List<String> firstProblems;

  /**
   * @param count how many parts of the state are refused
   * @param firstProblems what is wrong with the first few of them
   */
  public StateRefusedException(int count, List<String> firstProblems) {
    super(
        count + " of its resources break Envoy's rules: " + String.join("; ", firstProblems),
        null,
        false,
        false);
    this.count = count;
    this.firstProblems = List.copyOf(firstProblems);
  }

  public int count() {
    return count;
  }

  public List<String> firstProblems() {
    return firstProblems;
  }
}
