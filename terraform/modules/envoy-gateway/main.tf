# Envoy gateways: one VM (vm.tf) or a scale set behind a load balancer (scale-set.tf). Both boot
# the same cloud-init, which writes the bootstrap the control plane's envoy-bootstrap command
# prints, with the control plane's address (and TLS files) injected.

locals {
  single = var.instance_count == 1

  bootstrap_vars = {
    xds_host               = var.xds_host
    xds_port               = var.xds_port
    xds_tls                = var.xds_tls != null
    xds_client_certificate = try(var.xds_tls.client_certificate, null) != null
    # Envoy checks that the control plane's certificate names this host, as an IP or a DNS name.
    xds_san_type = can(cidrnetmask("${var.xds_host}/32")) ? "IP_ADDRESS" : "DNS"
  }
  bootstrap = templatefile("${path.module}/../../../cloud-init/envoy-gateway/envoy-bootstrap.yaml.tftpl", local.bootstrap_vars)

  # The PEM files by the name of the systemd credential each becomes (LoadCredential=): Envoy, and
  # nobody else, reads them at /run/credentials/envoy.service/NAME, the paths in the bootstrap.
  tls_files = merge(
    var.xds_tls == null ? {} : { "xds-ca.crt" = var.xds_tls.ca },
    local.bootstrap_vars.xds_client_certificate ? { "xds-client.crt" = var.xds_tls.client_certificate, "xds-client.key" = var.xds_tls_client_private_key } : {},
  )

  cloud_init_vars = {
    envoy_bootstrap = local.bootstrap
    envoy_version   = var.envoy_version
    tls_files       = local.tls_files
  }
  custom_data = base64encode(templatefile("${path.module}/../../../cloud-init/envoy-gateway/cloud-config.yaml.tftpl", local.cloud_init_vars))
}

resource "azurerm_public_ip" "this" {
  name                = "${var.name}-ip"
  resource_group_name = var.resource_group_name
  location            = var.location
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = var.tags

  # Here, on what both shapes of gateway use, because before Terraform 1.9 a variable's validation
  # cannot see another variable.
  lifecycle {
    precondition {
      condition     = (try(var.xds_tls.client_certificate, null) == null) == (var.xds_tls_client_private_key == null)
      error_message = "Give xds_tls_client_private_key exactly when xds_tls.client_certificate is set."
    }
  }
}
