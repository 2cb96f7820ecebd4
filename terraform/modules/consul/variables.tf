variable "name" {
  description = "Name of the Consul server VM and prefix of its resources."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the server."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the server (the control plane's)."
  type        = string
}

variable "datacenter" {
  description = "Consul datacenter name."
  type        = string
  default     = "scalemesh"
}

variable "vm_size" {
  description = "Size of the server VM."
  type        = string
  default     = "Standard_B1ms"
}

variable "admin_username" {
  description = "Admin user (SSH key only)."
  type        = string
  default     = "scalemesh"
}

variable "admin_ssh_public_key" {
  description = "SSH public key of the admin user."
  type        = string
}

variable "image" {
  description = "Marketplace image (HashiCorp's apt repository serves Ubuntu releases)."
  type        = object({ publisher = string, offer = string, sku = string, version = string })
  default     = { publisher = "Canonical", offer = "ubuntu-24_04-lts", sku = "server", version = "latest" }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
