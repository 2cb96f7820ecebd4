package io.scalemesh.controlplane.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which Azure cloud and subscription the Azure sources read, and as whom. Credentials: the VM's
 * managed identity (system-assigned, or the user-assigned one with {@code
 * managedIdentityClientId}), else the SDK's default chain (environment, workload identity, Azure
 * CLI, ...).
 *
 * @param cloud public, china, us-government, or custom (Azure Stack Hub: then both endpoints below)
 * @param resourceManagerEndpoint Resource Manager's URL, for a custom cloud
 * @param authority the identity authority's URL, for a custom cloud
 * @param tenantId the tenant, when the credential needs one
 * @param subscriptionId the subscription the resource groups are in
 * @param managedIdentityClientId the client id of a user-assigned managed identity
 * @param changeEvents where Resource Manager's change events arrive; none: scale sets are only
 *     polled
 */
public record AzureConfig(
    String cloud,
    URI resourceManagerEndpoint,
    URI authority,
    String tenantId,
    String subscriptionId,
    String managedIdentityClientId,
    ChangeEvents changeEvents) {

  public AzureConfig {
    cloud = cloud.toLowerCase(Locale.ROOT);
    switch (cloud) {
      case "public", "china", "us-government" -> {
        if (resourceManagerEndpoint != null || authority != null) {
          throw new IllegalArgumentException(
              "resource_manager_endpoint and authority are only for cloud: custom");
        }
      }
      case "custom" -> {
        if (resourceManagerEndpoint == null || authority == null) {
          throw new IllegalArgumentException(
              "cloud: custom needs resource_manager_endpoint and authority");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "cloud '" + cloud + "' is not one of public, china, us-government, custom");
    }
  }

  /**
   * Checked when a service uses an Azure source, so that configs without one need no subscription.
   */
  public void requireSubscription() {
    if (subscriptionId == null || subscriptionId.isBlank()) {
      throw new IllegalArgumentException(
          "azure.subscription_id is needed by the Azure discovery sources");
    }
  }

  /**
   * The Storage queue an Event Grid subscription delivers the resource group's change events to,
   * and how to read it: as the Azure credential above (the queue's data role), or with a Storage
   * connection string read from a file (a storage emulator's), so that no secret is written in the
   * configuration.
   *
   * @param queue the queue's URL: https://ACCOUNT.queue.core.windows.net/QUEUE
   * @param connectionStringFile a file holding a Storage connection string
   */
  public record ChangeEvents(URI queue, Path connectionStringFile) {
    /** Storage's rule: 3-63 lower-case letters, digits and single hyphens, not at either end. */
    private static final Pattern QUEUE_NAME =
        Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]");

    public ChangeEvents {
      if (queue == null) {
        throw new IllegalArgumentException(
            "queue is missing: the URL of the Storage queue the events arrive in");
      }
      if (!"https".equals(queue.getScheme())
          && !("http".equals(queue.getScheme()) && connectionStringFile != null)) {
        throw new IllegalArgumentException(
            "queue '"
                + queue
                + "' must be an https:// URL (http:// only for a storage emulator, with"
                + " connection_string_file)");
      }
      if (queue.getHost() == null || queue.getRawQuery() != null) {
        throw new IllegalArgumentException(
            "queue '"
                + queue
                + "' must be a URL with a host and no query (a SAS token is a secret: use"
                + " connection_string_file)");
      }
      String name = name(queue);
      if (!QUEUE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "queue '"
                + queue
                + "': '"
                + name
                + "' is not a queue name (3-63 lower-case letters, digits and single hyphens)");
      }
    }

    /** The queue's name: the last segment of its URL. */
    public String queueName() {
      return name(queue);
    }

    private static String name(URI queue) {
      String path = queue.getPath() == null ? "" : queue.getPath();
      return Arrays.stream(path.split("/"))
          .filter(s -> !s.isEmpty())
          .reduce((a, b) -> b)
          .orElse("");
    }
  }
}
