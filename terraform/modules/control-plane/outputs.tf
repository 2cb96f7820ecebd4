output "xds_address" {
  description = "The xDS load balancer's private IP: the address gateways and gRPC clients dial (port 18000)."
  value       = azurerm_lb.xds.frontend_ip_configuration[0].private_ip_address
}

output "private_ips" {
  description = "Each replica's private IP."
  value       = module.vm[*].private_ip
}

output "public_ips" {
  description = "Each replica's public IP (console API, REST), or an empty list without them."
  value       = azurerm_public_ip.this[*].ip_address
}

output "principal_id" {
  description = "The replicas' shared managed identity."
  value       = azurerm_user_assigned_identity.this.principal_id
}

output "config" {
  description = "The rendered /etc/scalemesh/scalemesh.yaml, the same on every replica."
  value       = local.config
}

output "change_events_queue" {
  description = "The URL of the Storage queue the control plane reads Resource Manager's change events from, or null without change events."
  value       = one(azurerm_storage_queue.change_events[*].url)
}
