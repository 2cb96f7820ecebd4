# Several gateways: a Uniform scale set behind a Standard public load balancer that sends port
# 8080 to every Envoy whose ingress listener answers (it exists once the control plane served it).

resource "azurerm_lb" "many" {
  count = local.single ? 0 : 1

  name                = "${var.name}-lb"
  resource_group_name = var.resource_group_name
  location            = var.location
  sku                 = "Standard"
  tags                = var.tags

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.this.id
  }
}

resource "azurerm_lb_backend_address_pool" "many" {
  count = local.single ? 0 : 1

  name            = "envoy"
  loadbalancer_id = azurerm_lb.many[0].id
}

resource "azurerm_lb_probe" "many" {
  count = local.single ? 0 : 1

  name            = "envoy-ingress"
  loadbalancer_id = azurerm_lb.many[0].id
  protocol        = "Tcp"
  port            = 8080
}

resource "azurerm_lb_rule" "many" {
  count = local.single ? 0 : 1

  name                           = "ingress"
  loadbalancer_id                = azurerm_lb.many[0].id
  protocol                       = "Tcp"
  frontend_port                  = 8080
  backend_port                   = 8080
  frontend_ip_configuration_name = "public"
  backend_address_pool_ids       = [azurerm_lb_backend_address_pool.many[0].id]
  probe_id                       = azurerm_lb_probe.many[0].id
  # Envoy closes a client connection idle for 3 minutes (Scalemesh's edge listener), before this
  # timeout; a flow quiet for longer anyway is reset, not dropped silently, so its client knows.
  idle_timeout_in_minutes = 4
  enable_tcp_reset        = true
}

resource "azurerm_linux_virtual_machine_scale_set" "many" {
  count = local.single ? 0 : 1

  name                            = var.name
  resource_group_name             = var.resource_group_name
  location                        = var.location
  sku                             = var.vm_size
  instances                       = var.instance_count
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
      name                                   = "internal"
      primary                                = true
      subnet_id                              = var.subnet_id
      load_balancer_backend_address_pool_ids = [azurerm_lb_backend_address_pool.many[0].id]
    }
  }
}
