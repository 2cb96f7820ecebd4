package io.scalemesh.controlplane.discovery;

import java.util.concurrent.CompletableFuture;

/**
 * What a kind offers a cloud's change events: which changed resources may change its service's
 * instances, and a read soon after one did. Events only hint: the kind reads the whole set as it
 * always does, so a lost or wrong event changes nothing but when that happens.
 */
public interface ChangeHints {

  /**
   * Whether a change to {@code resource} may change the service's instances.
   *
   * @param resource the cloud's name for the changed resource (Azure: its Resource Manager id)
   */
  boolean concerns(String resource);

  /**
   * Reads the service again soon.
   *
   * @return completed once a read that started after this call has ended, as {@link
   *     PollingLoop#hint()}
   */
  CompletableFuture<Void> hint();
}
