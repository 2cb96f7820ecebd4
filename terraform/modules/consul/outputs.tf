output "private_ip" {
  description = "The server's private IP: what backend agents join."
  value       = module.vm.private_ip
}

output "http_address" {
  description = "Consul's HTTP API, for the control plane's consul discovery."
  value       = "http://${module.vm.private_ip}:8500"
}
