variable "name" {
  description = "Name of the scale set (the control plane's discovery.scale_set)."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the scale set."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the instances."
  type        = string
}

variable "orchestration_mode" {
  description = "Uniform (azurerm_linux_virtual_machine_scale_set) or Flexible (azurerm_orchestrated_virtual_machine_scale_set)."
  type        = string
  default     = "Flexible"

  validation {
    condition     = contains(["Uniform", "Flexible"], var.orchestration_mode)
    error_message = "orchestration_mode must be Uniform or Flexible."
  }
}

variable "vm_size" {
  description = "Size of each instance."
  type        = string
  default     = "Standard_B2s"
}

variable "zones" {
  description = "Availability zones to spread instances over (empty for none)."
  type        = list(string)
  default     = []
}

variable "admin_username" {
  description = "Admin user on each instance (SSH key only)."
  type        = string
  default     = "scalemesh"
}

variable "admin_ssh_public_key" {
  description = "SSH public key of the admin user."
  type        = string
}

variable "image" {
  description = "Marketplace image of the instances (Ubuntu: its cloud-init runs the template)."
  type        = object({ publisher = string, offer = string, sku = string, version = string })
  default     = { publisher = "Canonical", offer = "ubuntu-24_04-lts", sku = "server", version = "latest" }
}

variable "autoscale_minimum" {
  description = "Fewest instances autoscale keeps."
  type        = number
  default     = 1
}

variable "autoscale_maximum" {
  description = "Most instances autoscale allows."
  type        = number
  default     = 10
}

variable "autoscale_default" {
  description = "Instances at creation, and when the CPU metric is missing."
  type        = number
  default     = 2
}

variable "terminate_notification_timeout" {
  description = "How long a Terminate scheduled event waits for the drain agent's approval (ISO 8601, PT5M to PT15M)."
  type        = string
  default     = "PT5M"

  validation {
    condition     = can(regex("^PT([5-9]|1[0-5])M$", var.terminate_notification_timeout))
    error_message = "terminate_notification_timeout must be PT5M to PT15M."
  }
}

variable "repair_grace_period" {
  description = "How long a new instance may be unhealthy before automatic repairs replace it (ISO 8601, PT10M to PT90M)."
  type        = string
  default     = "PT30M"
}

variable "drain_quiet_seconds" {
  description = "The drain agent approves a Terminate event once no request has arrived for this long."
  type        = number
  default     = 15
}

variable "consul_server_address" {
  description = "Private IP of a Consul server: when set, each instance runs a Consul agent that registers the backend. Empty: no Consul."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
