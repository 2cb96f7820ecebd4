package io.scalemesh.controlplane.xds;

import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.publish.MeshSink;
import io.scalemesh.controlplane.publish.StateRefusedException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where mesh states become what proxies are served: translated, checked against Envoy's rules,
 * served.
 */
public final class XdsSink implements MeshSink {
  /** A broken translator could break every endpoint: the log and the event name the first few. */
  private static final int PROBLEMS_TOLD = 5;

  private final XdsTranslator translator;
  private final XdsServer server;
  private final ControlPlaneMetrics metrics;
  private volatile Served current;

  /** What proxies are served: the resources of mesh state {@code meshVersion}, since {@code at}. */
  public record Served(String meshVersion, Instant at, XdsResources resources) {}

  public XdsSink(XdsTranslator translator, XdsServer server, ControlPlaneMetrics metrics) {
    this.translator = translator;
    this.server = server;
    this.metrics = metrics;
  }

  @Override
  public void serve(MeshState state, Instant at) throws StateRefusedException {
    XdsResources resources = translator.translate(state);
    try {
      server.publish(resources, at);
    } catch (InvalidResourcesException e) {
      e.invalid().forEach(resource -> metrics.invalidResource(resource.type()));
      throw new StateRefusedException(
          e.invalid().size(),
          e.invalid().stream()
              .limit(PROBLEMS_TOLD)
              .map(InvalidResourcesException.InvalidResource::toString)
              .toList());
    }
    current = new Served(state.version(), at, resources);
  }

  /** What is served now, if anything has been. */
  public Optional<Served> current() {
    return Optional.ofNullable(current);
  }
}
