package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.mesh.MeshState;
import java.time.Instant;

/** Where a decided mesh state goes to be served to proxies. */
public interface MeshSink {

  /**
   * Serves {@code state} from now on.
   *
   * @throws StateRefusedException when it cannot be served as it is; what was served stays
   */
  void serve(MeshState state, Instant at) throws StateRefusedException;
}
