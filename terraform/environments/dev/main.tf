# The dev environment: one resource group with the network, the control plane (one or more
# replicas behind an internal load balancer), an Envoy gateway, the backend scale set with CPU
# autoscale, and optionally a Consul server and the Entra ID registrations for signing in.

resource "azurerm_resource_group" "this" {
  name     = var.name
  location = var.location
  tags     = var.tags
}

module "network" {
  source = "../../modules/network"

  name                = var.name
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  ingress_cidr        = var.ingress_cidr
  operator_cidr       = var.operator_cidr
  admin_cidr          = var.admin_cidr
  tags                = var.tags
}

module "consul" {
  source = "../../modules/consul"
  count  = var.consul_enabled ? 1 : 0

  name                 = "${var.name}-consul"
  resource_group_name  = azurerm_resource_group.this.name
  location             = var.location
  subnet_id            = module.network.control_plane_subnet_id
  datacenter           = var.name
  admin_ssh_public_key = var.admin_ssh_public_key
  tags                 = var.tags
}

module "backend" {
  source = "../../modules/backend-vmss"

  name                           = "${var.name}-backend"
  resource_group_name            = azurerm_resource_group.this.name
  location                       = var.location
  subnet_id                      = module.network.backend_subnet_id
  orchestration_mode             = var.orchestration_mode
  admin_ssh_public_key           = var.admin_ssh_public_key
  autoscale_minimum              = var.backend_min
  autoscale_maximum              = var.backend_max
  autoscale_default              = var.backend_default
  terminate_notification_timeout = var.terminate_notification_timeout
  consul_server_address          = var.consul_enabled ? module.consul[0].private_ip : ""
  tags                           = var.tags
}

# The console's sign-in with Microsoft Entra ID: the registrations, in the tenant the azuread
# provider signs in to, and the control plane's console_api.oidc from them.
module "entra_sign_in" {
  source = "../../modules/entra-sign-in"
  count  = var.entra_sign_in ? 1 : 0

  name      = "Scalemesh (${var.name})"
  operators = var.entra_operators
  viewers   = var.entra_viewers
}

module "control_plane" {
  source = "../../modules/control-plane"

  name                   = "${var.name}-control-plane"
  resource_group_name    = azurerm_resource_group.this.name
  location               = var.location
  subnet_id              = module.network.control_plane_subnet_id
  admin_ssh_public_key   = var.admin_ssh_public_key
  package_url            = var.control_plane_package_url
  package_sha256         = var.control_plane_package_sha256
  console_tokens         = var.console_tokens
  backend_scale_set_name = module.backend.name
  discovery_kind         = var.consul_enabled ? "consul" : "azure-vmss"
  consul_address         = var.consul_enabled ? module.consul[0].http_address : ""
  replicas               = var.control_plane_replicas
  change_events          = var.change_events
  tags                   = var.tags

  console_api_oidc = var.entra_sign_in ? { tenant = module.entra_sign_in[0].tenant_id, audiences = module.entra_sign_in[0].audiences } : null

  # The subnet's last usable address: Azure's dynamic allocation, bottom up, reaches it last, and
  # it is known before apply, for the SANs of an xDS certificate.
  load_balancer_ip = cidrhost(module.network.control_plane_subnet_prefix, -2)

  xds_tls                     = var.xds_tls == null ? null : { certificate = var.xds_tls.certificate, client_ca = var.xds_tls.client_ca }
  xds_tls_private_key         = var.xds_tls_private_key
  console_api_tls             = var.console_api_tls
  console_api_tls_private_key = var.console_api_tls_private_key
}

module "gateway" {
  source = "../../modules/envoy-gateway"

  name                 = "${var.name}-gateway"
  resource_group_name  = azurerm_resource_group.this.name
  location             = var.location
  subnet_id            = module.network.gateway_subnet_id
  instance_count       = var.gateway_count
  admin_ssh_public_key = var.admin_ssh_public_key
  xds_host             = module.control_plane.xds_address
  tags                 = var.tags

  xds_tls                    = var.xds_tls == null ? null : { ca = var.xds_tls.ca, client_certificate = var.xds_tls.client_certificate }
  xds_tls_client_private_key = var.xds_tls_client_private_key
}
