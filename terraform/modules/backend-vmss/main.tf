# The backend scale set: nginx with a health endpoint, a drain agent that answers Terminate
# scheduled events, the application health extension and automatic instance repairs. Uniform and
# Flexible orchestration are two different resource types; exactly one of them is created.

locals {
  uniform = var.orchestration_mode == "Uniform"

  cloud_init_vars = {
    drain_quiet_seconds   = var.drain_quiet_seconds
    consul_enabled        = var.consul_server_address != ""
    consul_server_address = var.consul_server_address
  }
  custom_data = base64encode(templatefile("${path.module}/../../../cloud-init/backend/cloud-config.yaml.tftpl", local.cloud_init_vars))

  # Rich health states on a port that stays healthy while draining: a draining instance is on its
  # way out, and automatic repairs must not replace it.
  health_extension = {
    name                 = "application-health"
    publisher            = "Microsoft.ManagedServices"
    type                 = "ApplicationHealthLinux"
    type_handler_version = "2.0"
    settings             = jsonencode({ protocol = "http", port = 80, requestPath = "/health/azure" })
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "uniform" {
  count = local.uniform ? 1 : 0

  name                            = var.name
  resource_group_name             = var.resource_group_name
  location                        = var.location
  sku                             = var.vm_size
  instances                       = var.autoscale_default
  zones                           = var.zones
  admin_username                  = var.admin_username
  disable_password_authentication = true
  custom_data                     = local.custom_data
  upgrade_mode                    = "Manual"
  tags                            = var.tags

  admin_ssh_key {
    username   = var.admin_username
    public_key = var.admin_ssh_public_key
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

  network_interface {
    name    = "${var.name}-nic"
    primary = true

    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = var.subnet_id
    }
  }

  extension {
    name                 = local.health_extension.name
    publisher            = local.health_extension.publisher
    type                 = local.health_extension.type
    type_handler_version = local.health_extension.type_handler_version
    settings             = local.health_extension.settings
  }

  automatic_instance_repair {
    enabled      = true
    grace_period = var.repair_grace_period
  }

  termination_notification {
    enabled = true
    timeout = var.terminate_notification_timeout
  }

  # Autoscale owns the capacity once the scale set exists.
  lifecycle {
    ignore_changes = [instances]
  }
}

resource "azurerm_orchestrated_virtual_machine_scale_set" "flexible" {
  count = local.uniform ? 0 : 1

  name                        = var.name
  resource_group_name         = var.resource_group_name
  location                    = var.location
  sku_name                    = var.vm_size
  instances                   = var.autoscale_default
  zones                       = var.zones
  platform_fault_domain_count = 1
  tags                        = var.tags

  os_profile {
    custom_data = local.custom_data

    linux_configuration {
      admin_username                  = var.admin_username
      disable_password_authentication = true

      admin_ssh_key {
        username   = var.admin_username
        public_key = var.admin_ssh_public_key
      }
    }
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

  network_interface {
    name    = "${var.name}-nic"
    primary = true

    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = var.subnet_id
    }
  }

  extension {
    name                 = local.health_extension.name
    publisher            = local.health_extension.publisher
    type                 = local.health_extension.type
    type_handler_version = local.health_extension.type_handler_version
    settings             = local.health_extension.settings
  }

  automatic_instance_repair {
    enabled      = true
    grace_period = var.repair_grace_period
  }

  termination_notification {
    enabled = true
    timeout = var.terminate_notification_timeout
  }

  lifecycle {
    ignore_changes = [instances]
  }
}
