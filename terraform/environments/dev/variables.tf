variable "subscription_id" {
  description = "Azure subscription to deploy into."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$", var.subscription_id))
    error_message = "subscription_id must be a GUID."
  }
}

variable "name" {
  description = "Prefix of every resource name, and the resource group's name."
  type        = string
  default     = "scalemesh-dev"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name must be 2-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "location" {
  description = "Azure region."
  type        = string
  default     = "westeurope"
}

variable "admin_ssh_public_key" {
  description = "SSH public key for the admin user of every VM."
  type        = string

  validation {
    condition     = can(regex("^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp256) ", var.admin_ssh_public_key))
    error_message = "admin_ssh_public_key must be an OpenSSH public key (ssh-ed25519 ..., ssh-rsa ...)."
  }
}

variable "admin_cidr" {
  description = "Who may SSH to the VMs."
  type        = string

  validation {
    condition     = can(cidrhost(var.admin_cidr, 0))
    error_message = "admin_cidr must be a CIDR such as 203.0.113.7/32."
  }
}

variable "operator_cidr" {
  description = "Who may reach the control plane's console API, REST API and xDS from outside the VNet."
  type        = string

  validation {
    condition     = can(cidrhost(var.operator_cidr, 0))
    error_message = "operator_cidr must be a CIDR such as 203.0.113.0/24."
  }
}

variable "ingress_cidr" {
  description = "Who may send requests to the Envoy gateway (port 8080)."
  type        = string
  default     = "0.0.0.0/0"

  validation {
    condition     = can(cidrhost(var.ingress_cidr, 0))
    error_message = "ingress_cidr must be a CIDR."
  }
}

variable "control_plane_package_url" {
  description = "URL of scalemesh-control-plane.tar.gz (the jar and lib/, see the README)."
  type        = string

  validation {
    condition     = can(regex("^https://", var.control_plane_package_url))
    error_message = "control_plane_package_url must be an https URL."
  }
}

variable "control_plane_package_sha256" {
  description = "SHA-256 of that archive (sha256sum scalemesh-control-plane.tar.gz)."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.control_plane_package_sha256))
    error_message = "control_plane_package_sha256 must be 64 lower-case hex digits."
  }
}

variable "console_tokens" {
  description = "Console API tokens by SHA-256 (printf %s \"$TOKEN\" | sha256sum): identity, role (operator or viewer), sha256."
  type        = list(object({ identity = string, role = string, sha256 = string }))

  validation {
    condition     = length(var.console_tokens) > 0 && alltrue([for t in var.console_tokens : contains(["operator", "viewer"], t.role) && can(regex("^[0-9a-f]{64}$", t.sha256))])
    error_message = "Give at least one token; each needs role operator or viewer and sha256 as 64 lower-case hex digits."
  }
}

variable "orchestration_mode" {
  description = "The backend scale set's orchestration: Uniform or Flexible."
  type        = string
  default     = "Flexible"

  validation {
    condition     = contains(["Uniform", "Flexible"], var.orchestration_mode)
    error_message = "orchestration_mode must be Uniform or Flexible."
  }
}

variable "backend_min" {
  description = "Fewest backend instances autoscale keeps."
  type        = number
  default     = 1

  validation {
    condition     = var.backend_min >= 1
    error_message = "backend_min must be 1 or more."
  }
}

variable "backend_max" {
  description = "Most backend instances autoscale allows."
  type        = number
  default     = 10

  validation {
    condition     = var.backend_max >= 1 && var.backend_max <= 1000
    error_message = "backend_max must be 1 to 1000."
  }
}

variable "backend_default" {
  description = "Backend instances at creation, and when autoscale has no CPU metric."
  type        = number
  default     = 2

  validation {
    condition     = var.backend_default >= 1
    error_message = "backend_default must be 1 or more."
  }
}

variable "terminate_notification_timeout" {
  description = "How long a deleted backend instance may drain before Azure deletes it anyway (PT5M to PT15M)."
  type        = string
  default     = "PT5M"

  validation {
    condition     = can(regex("^PT([5-9]|1[0-5])M$", var.terminate_notification_timeout))
    error_message = "terminate_notification_timeout must be PT5M to PT15M."
  }
}

variable "gateway_count" {
  description = "Envoy gateways: 1 is a VM, more a scale set behind a load balancer."
  type        = number
  default     = 1

  validation {
    condition     = var.gateway_count >= 1 && var.gateway_count <= 10
    error_message = "gateway_count must be 1 to 10."
  }
}

variable "control_plane_replicas" {
  description = "Control-plane VMs behind the xDS load balancer, each with the same configuration (see the README, Several control-plane replicas)."
  type        = number
  default     = 1

  validation {
    condition     = var.control_plane_replicas >= 1 && var.control_plane_replicas <= 5 && floor(var.control_plane_replicas) == var.control_plane_replicas
    error_message = "control_plane_replicas must be a whole number from 1 to 5."
  }
}

variable "xds_tls" {
  description = "TLS for xDS, as PEM text: ca, the CA the gateways trust; certificate, the chain every control plane serves (give it the IP SAN 10.0.2.254, the xDS address, for gRPC clients that check names); with client_ca, the control planes require a client certificate it signed, and the gateways present client_certificate. Keys: xds_tls_private_key, xds_tls_client_private_key. Null: plaintext."
  type = object({
    ca                 = string
    certificate        = string
    client_ca          = optional(string)
    client_certificate = optional(string)
  })
  default = null

  validation {
    condition     = var.xds_tls == null || try((var.xds_tls.client_ca == null) == (var.xds_tls.client_certificate == null), false)
    error_message = "xds_tls needs client_ca and client_certificate together, or neither."
  }
}

variable "xds_tls_private_key" {
  description = "The key of xds_tls.certificate, PEM in PKCS#8 (-----BEGIN PRIVATE KEY-----), when xds_tls is set. Sensitive, but it lands in the Terraform state; keep it out of files: TF_VAR_xds_tls_private_key=\"$(cat key.pem)\"."
  type        = string
  default     = null
  sensitive   = true
}

variable "xds_tls_client_private_key" {
  description = "The key of xds_tls.client_certificate, PEM, when that is set. Sensitive, but it lands in the Terraform state."
  type        = string
  default     = null
  sensitive   = true
}

variable "console_api_tls" {
  description = "TLS for the console API, as PEM text: certificate (its SANs must hold what operators dial: a DNS name for each control plane's public IP, or those IPs, known after the first apply) and optionally client_ca, the CA whose certificates consoles must then present. Key: console_api_tls_private_key. Null: plaintext."
  type        = object({ certificate = string, client_ca = optional(string) })
  default     = null
}

variable "console_api_tls_private_key" {
  description = "The key of console_api_tls.certificate, PEM in PKCS#8, when console_api_tls is set. Sensitive, but it lands in the Terraform state."
  type        = string
  default     = null
  sensitive   = true
}

variable "change_events" {
  description = "Have the control plane read the backend scale set within seconds of a change, told by Resource Manager's change events (Event Grid to a Storage queue), rather than only every refresh (15 s). Not with consul_enabled."
  type        = bool
  default     = true
}

variable "entra_sign_in" {
  description = "Register the console API and the console in Microsoft Entra ID (the azuread provider, in the tenant Terraform signs in to: the API with the app roles Scalemesh.Viewer and Scalemesh.Operator, the console as a public client) and have the control plane accept the signed-in people's tokens beside console_tokens. The deploying identity must be allowed to create applications."
  type        = bool
  default     = false
}

variable "entra_operators" {
  description = "With entra_sign_in: object ids of the users and groups given the operator app role (groups need Entra ID P1 or P2). Others can be assigned in the portal."
  type        = list(string)
  default     = []
}

variable "entra_viewers" {
  description = "With entra_sign_in: object ids of the users and groups given the viewer app role."
  type        = list(string)
  default     = []
}

variable "consul_enabled" {
  description = "Deploy a Consul server, run a Consul agent on every backend instance, and have the control plane discover backends through Consul instead of the scale set."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "scalemesh", environment = "dev" }
}
