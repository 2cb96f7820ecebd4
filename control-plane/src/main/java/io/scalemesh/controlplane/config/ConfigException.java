package io.scalemesh.controlplane.config;

/** A configuration problem, described in one line that names it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
