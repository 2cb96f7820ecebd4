output "id" {
  description = "The VM's resource id."
  value       = azurerm_linux_virtual_machine.this.id
}

output "private_ip" {
  description = "The VM's private IP."
  value       = azurerm_network_interface.this.private_ip_address
}

output "network_interface_id" {
  description = "The VM's NIC, for load balancer backend pools."
  value       = azurerm_network_interface.this.id
}

output "ip_configuration_name" {
  description = "The name of the NIC's IP configuration, for load balancer backend pools."
  value       = azurerm_network_interface.this.ip_configuration[0].name
}
