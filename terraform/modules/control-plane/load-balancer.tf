# xDS through an internal Standard load balancer, whatever the replica count: the address the
# gateways and gRPC clients dial does not change when replicas are added or removed, so changing
# the count never touches them. A replica takes new xDS connections once GET /readyz answers 200,
# that is after its first complete discovery; until then it would serve nothing.

resource "azurerm_lb" "xds" {
  name                = "${var.name}-lb"
  resource_group_name = var.resource_group_name
  location            = var.location
  sku                 = "Standard"
  tags                = var.tags

  frontend_ip_configuration {
    name                          = "xds"
    subnet_id                     = var.subnet_id
    private_ip_address_allocation = var.load_balancer_ip == null ? "Dynamic" : "Static"
    private_ip_address            = var.load_balancer_ip
  }
}

resource "azurerm_lb_backend_address_pool" "xds" {
  name            = "control-plane"
  loadbalancer_id = azurerm_lb.xds.id
}

resource "azurerm_network_interface_backend_address_pool_association" "xds" {
  count = var.replicas

  network_interface_id    = module.vm[count.index].network_interface_id
  ip_configuration_name   = module.vm[count.index].ip_configuration_name
  backend_address_pool_id = azurerm_lb_backend_address_pool.xds.id
}

resource "azurerm_lb_probe" "readyz" {
  name                = "readyz"
  loadbalancer_id     = azurerm_lb.xds.id
  protocol            = "Http"
  port                = 8081
  request_path        = "/readyz"
  interval_in_seconds = 5
}

# An ADS stream can stay silent for longer than the load balancer keeps an idle flow. With TCP
# reset, both ends learn that the flow is gone and the client reconnects (to any replica: they
# publish the same versions); without it, the next push would vanish into a dropped flow.
resource "azurerm_lb_rule" "xds" {
  name                           = "xds"
  loadbalancer_id                = azurerm_lb.xds.id
  protocol                       = "Tcp"
  frontend_port                  = 18000
  backend_port                   = 18000
  frontend_ip_configuration_name = "xds"
  backend_address_pool_ids       = [azurerm_lb_backend_address_pool.xds.id]
  probe_id                       = azurerm_lb_probe.readyz.id
  idle_timeout_in_minutes        = 30
  tcp_reset_enabled              = true
}
