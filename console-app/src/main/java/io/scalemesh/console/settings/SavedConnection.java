package io.scalemesh.console.settings;

import io.scalemesh.console.client.ConnectionSettings;

/** A control plane the operator connected to before, under a name they chose. */
public record SavedConnection(String name, ConnectionSettings settings) {
  @Override
  public String toString() {
    return name + " (" + settings.address() + ")";
  }
}
