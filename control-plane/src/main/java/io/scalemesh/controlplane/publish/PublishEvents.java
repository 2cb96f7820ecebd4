package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the publisher did, as events for operators and lines in the log: what each publish changed,
 * instance by instance; failed refreshes; holds; states refused.
 */
public final class PublishEvents implements PublishListener {
  private static final Logger LOG = LoggerFactory.getLogger(PublishEvents.class);

  private final EventLog events;

  public PublishEvents(EventLog events) {
    this.events = events;
  }

  @Override
  public void reported(DiscoveryReport report) {
    if (report instanceof DiscoveryReport.Failed failed) {
      LOG.warn(
          "discovery of {} failed, keeping its last good instances: {}",
          failed.service(),
          failed.error());
      events.append(Event.Kind.DISCOVERY_ERROR, failed.service(), failed.error());
    }
  }

  @Override
  public void published(Optional<Published> previous, Published next) {
    Map<String, Instance> before = instancesByKey(previous.map(Published::state));
    Map<String, Instance> after = instancesByKey(Optional.of(next.state()));
    after.forEach(
        (key, instance) -> {
          Instance was = before.get(key);
          if (was == null) {
            events.append(
                Event.Kind.INSTANCE_ADDED,
                scaleSetOf(key),
                instance.name() + " added, " + state(instance));
          } else if (was.state() != instance.state()) {
            events.append(
                Event.Kind.INSTANCE_STATE_CHANGED,
                scaleSetOf(key),
                instance.name() + " is " + state(instance) + " (was " + state(was) + ")");
          }
        });
    before.forEach(
        (key, instance) -> {
          if (!after.containsKey(key)) {
            events.append(
                Event.Kind.INSTANCE_REMOVED, scaleSetOf(key), instance.name() + " removed");
          }
        });
    LOG.info(
        "published mesh state {} ({} instances)",
        next.state().version(),
        next.state().instanceCount());
    events.append(Event.Kind.SNAPSHOT_PUBLISHED, "", "published version " + next.state().version());
  }

  @Override
  public void refused(MeshState state, Optional<Published> kept, StateRefusedException why) {
    String keeps = kept.map(p -> "version " + p.state().version()).orElse("nothing");
    LOG.error(
        "mesh state {} is not published: {}; proxies keep {}",
        state.version(),
        why.getMessage(),
        keeps);
    events.append(
        Event.Kind.INVALID_RESOURCES,
        "",
        "version "
            + state.version()
            + " not published: "
            + why.getMessage()
            + "; proxies keep "
            + keeps);
  }

  @Override
  public void holdChanged(String service, Optional<PublishGuard.Hold> hold) {
    hold.ifPresentOrElse(
        h ->
            LOG.warn(
                "holding back the removal of {} of {} instances of {}",
                h.gone(),
                h.routable(),
                service),
        () -> LOG.info("the removal hold of {} ended", service));
    events.append(
        Event.Kind.REMOVAL_HOLD,
        service,
        hold.map(
                h ->
                    "holding back the removal of "
                        + h.gone()
                        + " of "
                        + h.routable()
                        + " instances"
                        + h.releasesAt()
                            .map(at -> " until " + at)
                            .orElse(" until an operator releases it"))
            .orElse("the removal hold ended; discovery is published as it is"));
  }

  private static Map<String, Instance> instancesByKey(Optional<MeshState> state) {
    return state.map(MeshState::services).orElse(List.of()).stream()
        .flatMap(
            service ->
                service.instances().stream()
                    .map(i -> Map.entry(service.name() + "/" + i.name(), i)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static String scaleSetOf(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  private static String state(Instance instance) {
    return instance.state().name().toLowerCase(Locale.ROOT);
  }
}
