# The control plane on `replicas` VMs with one configuration: they share a user-assigned identity
# (role.tf gives it exactly what it needs) and sit behind an internal load balancer for xDS
# (load-balancer.tf). cloud-init installs a JDK 21 and runs the control plane as a systemd
# service with its configuration rendered from this module's variables.

data "azurerm_client_config" "current" {}

locals {
  config_vars = {
    console_tokens             = var.console_tokens
    azure_cloud                = var.azure_cloud
    subscription_id            = data.azurerm_client_config.current.subscription_id
    managed_identity_client_id = azurerm_user_assigned_identity.this.client_id
    resource_group             = var.resource_group_name
    scale_set                  = var.backend_scale_set_name
    consul_discovery           = var.discovery_kind == "consul"
    consul_address             = var.consul_address
    xds_tls                    = var.xds_tls != null
    xds_client_ca              = try(var.xds_tls.client_ca, null) != null
    console_api_tls            = var.console_api_tls != null
    console_api_client_ca      = try(var.console_api_tls.client_ca, null) != null
    console_api_oidc           = var.console_api_oidc != null
    oidc_tenant                = try(var.console_api_oidc.tenant, "")
    oidc_audiences             = try(var.console_api_oidc.audiences, [])
    change_events              = local.change_events
    change_events_queue        = local.change_events ? azurerm_storage_queue.change_events[0].url : ""
  }
  config = templatefile("${path.module}/../../../cloud-init/control-plane/scalemesh.yaml.tftpl", local.config_vars)

  # The PEM files by the name of the systemd credential each becomes (LoadCredential=): the service,
  # and nobody else, reads them at /run/credentials/scalemesh-control-plane.service/NAME, the paths
  # in scalemesh.yaml.tftpl.
  tls_files = merge(
    var.xds_tls == null ? {} : { "xds.crt" = var.xds_tls.certificate, "xds.key" = var.xds_tls_private_key },
    local.config_vars.xds_client_ca ? { "xds-client-ca.crt" = var.xds_tls.client_ca } : {},
    var.console_api_tls == null ? {} : { "console-api.crt" = var.console_api_tls.certificate, "console-api.key" = var.console_api_tls_private_key },
    local.config_vars.console_api_client_ca ? { "console-api-client-ca.crt" = var.console_api_tls.client_ca } : {},
  )

  cloud_init_vars = {
    scalemesh_config = local.config
    package_url      = var.package_url
    package_sha256   = var.package_sha256
    tls_files        = local.tls_files
  }
}

resource "azurerm_public_ip" "this" {
  count = var.public_ip ? var.replicas : 0

  name                = "${var.name}-${count.index + 1}-ip"
  resource_group_name = var.resource_group_name
  location            = var.location
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = var.tags
}

module "vm" {
  source = "../linux-vm"
  count  = var.replicas

  name                 = "${var.name}-${count.index + 1}"
  resource_group_name  = var.resource_group_name
  location             = var.location
  subnet_id            = var.subnet_id
  public_ip_address_id = var.public_ip ? azurerm_public_ip.this[count.index].id : null
  vm_size              = var.vm_size
  admin_username       = var.admin_username
  admin_ssh_public_key = var.admin_ssh_public_key
  image                = var.image
  custom_data          = base64encode(templatefile("${path.module}/../../../cloud-init/control-plane/cloud-config.yaml.tftpl", local.cloud_init_vars))
  identity_ids         = [azurerm_user_assigned_identity.this.id]
  tags                 = var.tags

  # A replica that boots with its role already assigned discovers at once instead of backing off
  # on 403s (the assignment may still take a few minutes to reach Resource Manager).
  depends_on = [azurerm_role_assignment.control_plane]
}
