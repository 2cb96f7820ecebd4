package io.scalemesh.controlplane.scale;

import java.util.Optional;

/**
 * How a request to release a held removal ended.
 *
 * @param refused why the caller may not, if it may not
 * @param released whether a hold was released (false too when nothing was held)
 */
public record ReleaseOutcome(Optional<ScaleOutcome.Rejected> refused, boolean released) {}
