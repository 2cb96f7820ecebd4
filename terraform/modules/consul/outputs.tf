output "private_ip" {
  description = "The server's private IP: what backend agents join."
  value       = azurerm_network_interface.this.private_ip_address
}

output "http_address" {
  description = "Consul's HTTP API, for the control plane's consul discovery."
  value       = "http://${azurerm_network_interface.this.private_ip_address}:8500"
}
