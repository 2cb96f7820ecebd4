output "vnet_id" {
  description = "The VNet's id."
  value       = azurerm_virtual_network.this.id
}

output "gateway_subnet_id" {
  description = "Subnet of the Envoy gateway."
  value       = azurerm_subnet.this["gateway"].id
}

output "control_plane_subnet_id" {
  description = "Subnet of the control plane and the Consul server."
  value       = azurerm_subnet.this["control_plane"].id
}

output "control_plane_subnet_prefix" {
  description = "Address range of the control-plane subnet."
  value       = local.subnets["control_plane"]
}

output "backend_subnet_id" {
  description = "Subnet of the backend scale set."
  value       = azurerm_subnet.this["backend"].id
}
