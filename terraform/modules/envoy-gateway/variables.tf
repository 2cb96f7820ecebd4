variable "name" {
  description = "Name of the gateway VM (or scale set) and prefix of its resources."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the gateway."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the gateway."
  type        = string
}

variable "instance_count" {
  description = "How many Envoys: 1 is a VM with a public IP; more is a scale set behind a public load balancer."
  type        = number
  default     = 1

  validation {
    condition     = var.instance_count >= 1 && floor(var.instance_count) == var.instance_count
    error_message = "instance_count must be a whole number, 1 or more."
  }
}

variable "vm_size" {
  description = "Size of each gateway VM."
  type        = string
  default     = "Standard_B2s"
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
  description = "Marketplace image; Envoy's apt repository must serve its release (Ubuntu 22.04 jammy)."
  type        = object({ publisher = string, offer = string, sku = string, version = string })
  default     = { publisher = "Canonical", offer = "0001-com-ubuntu-server-jammy", sku = "22_04-lts-gen2", version = "latest" }
}

variable "envoy_version" {
  description = "Envoy package version for apt (a glob such as 1.34.*: the Envoy API java-control-plane speaks)."
  type        = string
  default     = "1.34.*"
}

variable "xds_host" {
  description = "The control plane's xDS address as the gateway reaches it (its load balancer's private IP)."
  type        = string
}

variable "xds_port" {
  description = "The control plane's xDS port."
  type        = number
  default     = 18000
}

variable "xds_tls" {
  description = "TLS to the control plane, as PEM text: ca, the CA that signed the control plane's xDS certificate, and client_certificate, Envoy's own, for a control plane that requires one. Null: plaintext xDS."
  type        = object({ ca = string, client_certificate = optional(string) })
  default     = null

  validation {
    condition     = var.xds_tls == null || (can(regex("-----BEGIN CERTIFICATE-----", var.xds_tls.ca)) && can(regex("-----BEGIN CERTIFICATE-----", coalesce(var.xds_tls.client_certificate, var.xds_tls.ca))))
    error_message = "xds_tls.ca and xds_tls.client_certificate must be PEM (-----BEGIN CERTIFICATE-----)."
  }
}

variable "xds_tls_client_private_key" {
  description = "The key of xds_tls.client_certificate, PEM: given exactly when that certificate is. It lands in the Terraform state, as all of custom_data does."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.xds_tls_client_private_key == null || can(regex("-----BEGIN [A-Z ]*PRIVATE KEY-----", var.xds_tls_client_private_key))
    error_message = "xds_tls_client_private_key must be a PEM private key."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
