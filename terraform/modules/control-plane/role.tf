# Least privilege for the control plane's managed identity, on its resource group only: read what
# discovery needs (VMs, scale sets and their instances, NICs, public IPs, CPU metrics, autoscale
# settings) and write scale sets, because Azure has no narrower action for PATCH sku.capacity.
# Nothing else: no delete, no network or role writes, no secrets.
#
# One user-assigned identity for every replica rather than one system-assigned identity each: one
# role assignment whatever the replica count, made before any replica boots, and the same
# configuration (managed_identity_client_id) on every replica.

resource "azurerm_user_assigned_identity" "this" {
  name                = "${var.name}-identity"
  resource_group_name = var.resource_group_name
  location            = var.location
  tags                = var.tags

  # Here, on what every replica depends on, because before Terraform 1.9 a variable's validation
  # cannot see another variable.
  lifecycle {
    precondition {
      condition     = (var.xds_tls == null) == (var.xds_tls_private_key == null)
      error_message = "Give xds_tls_private_key exactly when xds_tls is set."
    }
    precondition {
      condition     = (var.console_api_tls == null) == (var.console_api_tls_private_key == null)
      error_message = "Give console_api_tls_private_key exactly when console_api_tls is set."
    }
  }
}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

resource "azurerm_role_definition" "control_plane" {
  name        = "${var.name}-scalemesh-control-plane"
  scope       = data.azurerm_resource_group.this.id
  description = "Scalemesh control plane: discover instances, read CPU metrics and autoscale settings, change scale-set capacity."

  permissions {
    actions = [
      "Microsoft.Compute/virtualMachines/read",
      "Microsoft.Compute/virtualMachines/instanceView/read",
      "Microsoft.Compute/virtualMachineScaleSets/read",
      "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/read",
      "Microsoft.Compute/virtualMachineScaleSets/networkInterfaces/read",
      "Microsoft.Compute/virtualMachineScaleSets/publicIPAddresses/read",
      "Microsoft.Compute/virtualMachineScaleSets/write",
      "Microsoft.Network/networkInterfaces/read",
      "Microsoft.Network/publicIPAddresses/read",
      "Microsoft.Insights/metrics/read",
      "Microsoft.Insights/metricDefinitions/read",
      "Microsoft.Insights/autoscalesettings/read",
    ]
    not_actions = []
  }

  assignable_scopes = [data.azurerm_resource_group.this.id]
}

resource "azurerm_role_assignment" "control_plane" {
  scope              = data.azurerm_resource_group.this.id
  role_definition_id = azurerm_role_definition.control_plane.role_definition_resource_id
  principal_id       = azurerm_user_assigned_identity.this.principal_id
  principal_type     = "ServicePrincipal"
}
