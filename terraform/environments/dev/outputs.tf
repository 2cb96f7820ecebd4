output "gateway_address" {
  description = "Envoy's ingress: send requests here."
  value       = "http://${module.gateway.public_ip}:8080"
}

output "control_plane_address" {
  description = "The control plane's private IP (xDS on 18000) and, if it has one, public IP (REST on 8081, console API on 18090)."
  value = {
    private_ip = module.control_plane.private_ip
    public_ip  = module.control_plane.public_ip
  }
}

output "scale_set_id" {
  description = "The backend scale set's resource id."
  value       = module.backend.id
}
