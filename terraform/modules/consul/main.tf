# One Consul server, private only. The backends' Consul agents (backend-vmss with
# consul_server_address) join it and register the backend with an HTTP health check on /healthz;
# the control plane reads the catalog at http://<private_ip>:8500 when its discovery is consul.

locals {
  cloud_init_vars = {
    datacenter = var.datacenter
  }
}

module "vm" {
  source = "../linux-vm"

  name                 = var.name
  resource_group_name  = var.resource_group_name
  location             = var.location
  subnet_id            = var.subnet_id
  vm_size              = var.vm_size
  admin_username       = var.admin_username
  admin_ssh_public_key = var.admin_ssh_public_key
  image                = var.image
  custom_data          = base64encode(templatefile("${path.module}/../../../cloud-init/consul/cloud-config.yaml.tftpl", local.cloud_init_vars))
  tags                 = var.tags
}
