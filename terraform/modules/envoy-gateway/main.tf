# Envoy gateways: one VM (vm.tf) or a scale set behind a load balancer (scale-set.tf). Both boot
# the same cloud-init, which writes the bootstrap the control plane's envoy-bootstrap command
# prints, with the control plane's address injected.

locals {
  single = var.instance_count == 1

  bootstrap_vars = {
    xds_host = var.xds_host
    xds_port = var.xds_port
  }
  bootstrap = templatefile("${path.module}/../../../cloud-init/envoy-gateway/envoy-bootstrap.yaml.tftpl", local.bootstrap_vars)

  cloud_init_vars = {
    envoy_bootstrap = local.bootstrap
    envoy_version   = var.envoy_version
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
}
