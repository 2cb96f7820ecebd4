output "id" {
  description = "The VM's resource id."
  value       = azurerm_linux_virtual_machine.this.id
}

output "private_ip" {
  description = "The VM's private IP."
  value       = azurerm_network_interface.this.private_ip_address
}

output "principal_id" {
  description = "The VM's managed identity, or null without one."
  value       = var.system_assigned_identity ? azurerm_linux_virtual_machine.this.identity[0].principal_id : null
}
