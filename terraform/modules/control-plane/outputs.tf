output "private_ip" {
  description = "The control plane's private IP: the gateway's xDS address."
  value       = module.vm.private_ip
}

output "public_ip" {
  description = "The control plane's public IP (console API, REST), or null without one."
  value       = var.public_ip ? azurerm_public_ip.this[0].ip_address : null
}

output "principal_id" {
  description = "The VM's managed identity."
  value       = module.vm.principal_id
}

output "config" {
  description = "The rendered /etc/scalemesh/scalemesh.yaml."
  value       = local.config
}
