package io.scalemesh.controlplane.discovery;

import java.util.function.Consumer;

/**
 * Reports the instances of one scale set. A source owns its refresh loop and only ever reports
 * whole sets (or failures); it never touches shared state and knows nothing of its consumer.
 */
public interface DiscoverySource extends AutoCloseable {

  /** The scale set this source reports, which is also the service name in the mesh. */
  String service();

  /** Starts refreshing; every refresh ends in one report. */
  void start(Consumer<DiscoveryReport> reports);

  /** Stops refreshing. */
  @Override
  void close();
}
