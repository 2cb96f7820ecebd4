package io.scalemesh.controlplane.access;

import io.scalemesh.controlplane.config.ConsoleApiConfig.Role;

/** Who is calling the console API, as their bearer token says. */
public record Caller(String identity, Role role) {
  public boolean mayScale() {
    return role == Role.OPERATOR;
  }
}
