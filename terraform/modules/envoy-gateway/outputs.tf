output "public_ip" {
  description = "The gateway's public IP: Envoy's ingress is http://<this>:8080."
  value       = azurerm_public_ip.this.ip_address
}

output "bootstrap" {
  description = "The Envoy bootstrap every gateway boots with."
  value       = local.bootstrap
}
