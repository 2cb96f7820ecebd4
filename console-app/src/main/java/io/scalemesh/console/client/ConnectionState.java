package io.scalemesh.console.client;

import java.time.Duration;

/** Where the console's connection to a control plane stands. */
public sealed interface ConnectionState {

  /** Whether status is arriving now; anything shown while not live is stale. */
  default boolean live() {
    return this instanceof Live;
  }

  /** Not connected, and not trying to. */
  record Idle() implements ConnectionState {}

  /** Opening the status stream; {@code attempt} counts from 1 since the last live stream. */
  record Connecting(String address, int attempt) implements ConnectionState {}

  /** The status stream delivers updates. */
  record Live(String address, String identity, boolean mayScale) implements ConnectionState {}

  /** The stream failed; another attempt follows after {@code retryIn}. */
  record Waiting(String address, int attempt, Duration retryIn, String reason)
      implements ConnectionState {}

  /** The control plane refused the token: trying again would not help until it changes. */
  record Refused(String address, String reason) implements ConnectionState {}
}
