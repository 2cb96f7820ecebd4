variable "name" {
  description = "Name of the VM and prefix of its NIC."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the VM."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the VM's NIC."
  type        = string
}

variable "public_ip_address_id" {
  description = "Public IP to put on the NIC, or null for none."
  type        = string
  default     = null
}

variable "vm_size" {
  description = "Size of the VM."
  type        = string
}

variable "admin_username" {
  description = "Admin user (SSH key only)."
  type        = string
}

variable "admin_ssh_public_key" {
  description = "SSH public key of the admin user."
  type        = string
}

variable "image" {
  description = "Marketplace image."
  type        = object({ publisher = string, offer = string, sku = string, version = string })
}

variable "custom_data" {
  description = "cloud-init user data, base64-encoded."
  type        = string
}

variable "identity_ids" {
  description = "User-assigned managed identities of the VM (none by default)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
