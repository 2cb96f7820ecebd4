variable "name" {
  description = "Prefix of every resource name."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group to create the network in."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "address_space" {
  description = "The VNet's address space."
  type        = string
  default     = "10.0.0.0/16"
}

variable "ingress_cidr" {
  description = "Who may reach the Envoy gateway's ingress port (8080)."
  type        = string
}

variable "operator_cidr" {
  description = "Who may reach the control plane's xDS (18000), REST (8081) and console API (18090) ports, besides the VNet."
  type        = string
}

variable "admin_cidr" {
  description = "Who may reach SSH (22) on every VM."
  type        = string
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
