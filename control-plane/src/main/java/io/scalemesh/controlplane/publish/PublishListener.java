package io.scalemesh.controlplane.publish;

import java.util.Optional;

/** Told what the publisher did, for the status stream. */
public interface PublishListener {

  /** A new mesh state went out ({@code previous} is empty the first time). */
  void published(Optional<Published> previous, Published next);

  /** A source's refresh failed; its last good instances stay published. */
  default void discoveryFailed(String scaleSet, String error) {}

  /**
   * The mesh state {@code version} was not published: {@code count} of its resources break Envoy's
   * rules ({@code problems} names the first few). What proxies have stays.
   */
  default void rejected(String version, int count, String problems) {}

  /** The guard began holding a removal of {@code scaleSet}'s instances, or ({@code hold} empty) ended it. */
  default void holdChanged(String scaleSet, Optional<PublishGuard.Hold> hold) {}
}
