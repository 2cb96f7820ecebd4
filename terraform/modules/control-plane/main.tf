# The control plane on one VM: a system-assigned identity (role.tf gives it exactly what it needs),
# cloud-init installs a JDK 21 and runs the control plane as a systemd service with its
# configuration rendered from this module's variables.

data "azurerm_client_config" "current" {}

locals {
  config_vars = {
    console_tokens   = var.console_tokens
    azure_cloud      = var.azure_cloud
    subscription_id  = data.azurerm_client_config.current.subscription_id
    resource_group   = var.resource_group_name
    scale_set        = var.backend_scale_set_name
    consul_discovery = var.discovery_kind == "consul"
    consul_address   = var.consul_address
  }
  config = templatefile("${path.module}/../../../cloud-init/control-plane/scalemesh.yaml.tftpl", local.config_vars)

  cloud_init_vars = {
    scalemesh_config = local.config
    package_url      = var.package_url
    package_sha256   = var.package_sha256
  }
}

resource "azurerm_public_ip" "this" {
  count = var.public_ip ? 1 : 0

  name                = "${var.name}-ip"
  resource_group_name = var.resource_group_name
  location            = var.location
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = var.tags
}

module "vm" {
  source = "../linux-vm"

  name                     = var.name
  resource_group_name      = var.resource_group_name
  location                 = var.location
  subnet_id                = var.subnet_id
  public_ip_address_id     = var.public_ip ? azurerm_public_ip.this[0].id : null
  vm_size                  = var.vm_size
  admin_username           = var.admin_username
  admin_ssh_public_key     = var.admin_ssh_public_key
  image                    = var.image
  custom_data              = base64encode(templatefile("${path.module}/../../../cloud-init/control-plane/cloud-config.yaml.tftpl", local.cloud_init_vars))
  system_assigned_identity = true
  tags                     = var.tags
}
