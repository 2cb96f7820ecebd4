package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.exception.HttpResponseException;
import io.scalemesh.controlplane.discovery.PollingLoop;
import java.time.Duration;
import java.util.Optional;

/** Resource Manager's failures, as the polling loop and the logs need them. */
final class AzureFailures implements PollingLoop.Failures {
  static final AzureFailures INSTANCE = new AzureFailures();

  private AzureFailures() {}

  /** Resource Manager's Retry-After, in seconds (the form it uses), if the failure carried one. */
  @Override
  public Optional<Duration> retryAfter(Exception failure) {
    if (failure instanceof HttpResponseException http && http.getResponse() != null) {
      try {
        return Optional.ofNullable(http.getResponse().getHeaderValue("Retry-After"))
            .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.strip())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public String describe(Exception failure) {
    if (failure instanceof HttpResponseException http && http.getResponse() != null) {
      String message =
          http.getMessage() == null ? "" : http.getMessage().lines().findFirst().orElse("");
      return "Resource Manager answered HTTP "
          + http.getResponse().getStatusCode()
          + ": "
          + message;
    }
    return "Resource Manager could not be read: " + failure;
  }
}
