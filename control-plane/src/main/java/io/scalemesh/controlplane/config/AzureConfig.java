package io.scalemesh.controlplane.config;

import java.net.URI;
import java.util.Locale;

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
 */
public record AzureConfig(
    String cloud,
    URI resourceManagerEndpoint,
    URI authority,
    String tenantId,
    String subscriptionId,
    String managedIdentityClientId) {

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
}
