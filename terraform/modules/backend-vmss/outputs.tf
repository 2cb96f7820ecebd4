output "id" {
  description = "The scale set's resource id."
  value       = local.scale_set_id
}

output "name" {
  description = "The scale set's name (the control plane's discovery.scale_set)."
  value       = var.name
}

output "autoscale_setting_id" {
  description = "The CPU autoscale setting's id."
  value       = azurerm_monitor_autoscale_setting.cpu.id
}
