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

resource "azurerm_network_interface" "this" {
  name                = "${var.name}-nic"
  resource_group_name = var.resource_group_name
  location            = var.location
  tags                = var.tags

  ip_configuration {
    name                          = "internal"
    subnet_id                     = var.subnet_id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = var.public_ip ? azurerm_public_ip.this[0].id : null
  }
}

resource "azurerm_linux_virtual_machine" "this" {
  name                            = var.name
  resource_group_name             = var.resource_group_name
  location                        = var.location
  size                            = var.vm_size
  admin_username                  = var.admin_username
  disable_password_authentication = true
  network_interface_ids           = [azurerm_network_interface.this.id]
  custom_data                     = base64encode(templatefile("${path.module}/../../../cloud-init/control-plane/cloud-config.yaml.tftpl", local.cloud_init_vars))
  tags                            = var.tags

  admin_ssh_key {
    username   = var.admin_username
    public_key = var.admin_ssh_public_key
  }

  identity {
    type = "SystemAssigned"
  }

  source_image_reference {
    publisher = var.image.publisher
    offer     = var.image.offer
    sku       = var.image.sku
    version   = var.image.version
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}
