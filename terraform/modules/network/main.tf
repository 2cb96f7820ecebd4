# One VNet, one subnet per role, one NSG per subnet. Azure's default rules already allow traffic
# inside the VNet and deny the rest; the rules here open exactly what comes from outside, and
# deny from the Internet what must stay inside even if someone adds a broader rule later.

locals {
  subnets = {
    gateway       = cidrsubnet(var.address_space, 8, 1) # 10.0.1.0/24
    control_plane = cidrsubnet(var.address_space, 8, 2) # 10.0.2.0/24, with the Consul server
    backend       = cidrsubnet(var.address_space, 4, 1) # 10.0.16.0/20, room for a large scale set
  }

  ssh_rule = {
    name = "ssh-from-admin", priority = 100, ports = ["22"], source = var.admin_cidr
  }

  # Rules per subnet: allow rules from given sources, then denies of what must stay in the VNet.
  rules = {
    gateway = [
      local.ssh_rule,
      { name = "ingress", priority = 110, ports = ["8080"], source = var.ingress_cidr },
    ]
    control_plane = [
      local.ssh_rule,
      { name = "control-plane-from-operator", priority = 110, ports = ["18000", "8081", "18090"], source = var.operator_cidr },
      { name = "control-plane-from-vnet", priority = 120, ports = ["18000", "8081", "18090"], source = "VirtualNetwork" },
      { name = "consul-from-vnet", priority = 130, ports = ["8300-8302", "8500"], source = "VirtualNetwork" },
      # The xDS load balancer's probe of /readyz, allowed by name so that the deny of 8081 from the
      # Internet below can never catch it.
      { name = "readyz-from-load-balancer", priority = 140, ports = ["8081"], source = "AzureLoadBalancer" },
    ]
    backend = [
      local.ssh_rule,
      { name = "http-from-vnet", priority = 110, ports = ["80"], source = "VirtualNetwork" },
      { name = "consul-from-vnet", priority = 130, ports = ["8300-8302", "8500"], source = "VirtualNetwork" },
    ]
  }

  denied_from_internet = ["8300-8302", "8500", "18000", "8081", "18090", "80"]
}

resource "azurerm_virtual_network" "this" {
  name                = "${var.name}-vnet"
  resource_group_name = var.resource_group_name
  location            = var.location
  address_space       = [var.address_space]
  tags                = var.tags
}

resource "azurerm_subnet" "this" {
  for_each = local.subnets

  name                 = replace(each.key, "_", "-")
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [each.value]
}

resource "azurerm_network_security_group" "this" {
  for_each = local.subnets

  name                = "${var.name}-${replace(each.key, "_", "-")}-nsg"
  resource_group_name = var.resource_group_name
  location            = var.location
  tags                = var.tags

  dynamic "security_rule" {
    for_each = local.rules[each.key]
    content {
      name                       = security_rule.value.name
      priority                   = security_rule.value.priority
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_ranges    = security_rule.value.ports
      source_address_prefix      = security_rule.value.source
      destination_address_prefix = "VirtualNetwork"
    }
  }

  security_rule {
    name                       = "deny-internal-ports-from-internet"
    priority                   = 4000
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_ranges    = local.denied_from_internet
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_subnet_network_security_group_association" "this" {
  for_each = local.subnets

  subnet_id                 = azurerm_subnet.this[each.key].id
  network_security_group_id = azurerm_network_security_group.this[each.key].id
}
