# One gateway: a VM with the public IP on its NIC.

module "single" {
  source = "../linux-vm"
  count  = local.single ? 1 : 0

  name                 = var.name
  resource_group_name  = var.resource_group_name
  location             = var.location
  subnet_id            = var.subnet_id
  public_ip_address_id = azurerm_public_ip.this.id
  vm_size              = var.vm_size
  admin_username       = var.admin_username
  admin_ssh_public_key = var.admin_ssh_public_key
  image                = var.image
  custom_data          = local.custom_data
  tags                 = var.tags
}
