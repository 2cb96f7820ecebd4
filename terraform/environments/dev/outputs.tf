output "gateway_address" {
  description = "Envoy's ingress: send requests here."
  value       = "http://${module.gateway.public_ip}:8080"
}

output "control_plane_address" {
  description = "xDS (port 18000) for gateways and gRPC clients: the load balancer's private IP; each replica's private IP and, if they have them, public IPs (REST on 8081, console API on 18090)."
  value = {
    xds_address = module.control_plane.xds_address
    private_ips = module.control_plane.private_ips
    public_ips  = module.control_plane.public_ips
  }
}

output "scale_set_id" {
  description = "The backend scale set's resource id."
  value       = module.backend.id
}

output "change_events_queue" {
  description = "The Storage queue the control plane reads Resource Manager's change events from (null without change events): its queue length shows whether they are read."
  value       = module.control_plane.change_events_queue
}

output "entra_sign_in" {
  description = "With entra_sign_in, what the console's connection dialog asks for (authority, client_id, scope) and the API's registration (api_client_id, identifier_uri); null without."
  value = var.entra_sign_in ? {
    authority      = module.entra_sign_in[0].authority
    client_id      = module.entra_sign_in[0].console_client_id
    scope          = module.entra_sign_in[0].console_scope
    api_client_id  = module.entra_sign_in[0].api_client_id
    identifier_uri = module.entra_sign_in[0].identifier_uri
  } : null
}
