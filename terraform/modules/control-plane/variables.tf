variable "name" {
  description = "Prefix of the VMs' names (NAME-1, NAME-2, ...) and of their resources."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the VMs; the control plane's role is assigned on it."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the VMs and of the xDS load balancer's frontend."
  type        = string
}

variable "replicas" {
  description = "How many control-plane VMs, each with the same configuration, behind the xDS load balancer."
  type        = number
  default     = 1

  validation {
    condition     = var.replicas >= 1 && var.replicas <= 5 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number from 1 to 5."
  }
}

variable "load_balancer_ip" {
  description = "The xDS load balancer's private IP in the subnet, so that it is known before apply (for certificates); null lets Azure pick one."
  type        = string
  default     = null
}

variable "public_ip" {
  description = "Give each VM a public IP, so that operators (operator_cidr in the network module) reach its console API; without one a VM has no outbound Internet access unless the subnet has a NAT gateway."
  type        = bool
  default     = true
}

variable "vm_size" {
  description = "Size of each VM."
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
  description = "Marketplace image (Ubuntu 24.04 has a JDK 21 package)."
  type        = object({ publisher = string, offer = string, sku = string, version = string })
  default     = { publisher = "Canonical", offer = "ubuntu-24_04-lts", sku = "server", version = "latest" }
}

variable "package_url" {
  description = "URL of a .tar.gz holding scalemesh-control-plane.jar and its lib/ folder (see the README)."
  type        = string
}

variable "package_sha256" {
  description = "SHA-256 of that archive; the VM refuses any other."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.package_sha256))
    error_message = "package_sha256 must be 64 lower-case hex digits."
  }
}

variable "console_tokens" {
  description = "Console API tokens, by SHA-256 (printf %s \"$TOKEN\" | sha256sum), never the token itself."
  type        = list(object({ identity = string, role = string, sha256 = string }))

  validation {
    condition     = alltrue([for t in var.console_tokens : contains(["operator", "viewer"], t.role) && can(regex("^[0-9a-f]{64}$", t.sha256))])
    error_message = "Each token needs role operator or viewer and sha256 as 64 lower-case hex digits."
  }
}

variable "azure_cloud" {
  description = "Azure cloud the control plane talks to: public, china, us-government or custom."
  type        = string
  default     = "public"

  validation {
    condition     = contains(["public", "china", "us-government", "custom"], var.azure_cloud)
    error_message = "azure_cloud must be public, china, us-government or custom."
  }
}

variable "backend_scale_set_name" {
  description = "The backend scale set the control plane discovers and scales."
  type        = string
}

variable "discovery_kind" {
  description = "Where the control plane discovers backends: azure-vmss (the scale set) or consul (the Consul catalog)."
  type        = string
  default     = "azure-vmss"

  validation {
    condition     = contains(["azure-vmss", "consul"], var.discovery_kind)
    error_message = "discovery_kind must be azure-vmss or consul."
  }
}

variable "consul_address" {
  description = "Consul's HTTP address (http://10.0.2.x:8500) when discovery_kind is consul."
  type        = string
  default     = ""
}

variable "change_events" {
  description = "Have Event Grid put the resource group's change events for the backend scale set (and the group's VMs) in a Storage queue that the control plane reads, so that it reads the scale set within seconds of a change rather than at its next refresh. Only with discovery_kind azure-vmss."
  type        = bool
  default     = true
}

variable "xds_tls" {
  description = "TLS for xDS, as PEM text: certificate, the chain every replica serves (its SANs should hold xds_address, which clients that check names dial), and optionally client_ca, the CA whose certificates clients must then present. Null: plaintext xDS."
  type        = object({ certificate = string, client_ca = optional(string) })
  default     = null

  validation {
    condition     = var.xds_tls == null || can(regex("-----BEGIN CERTIFICATE-----", var.xds_tls.certificate))
    error_message = "xds_tls.certificate must be PEM (-----BEGIN CERTIFICATE-----)."
  }
}

variable "xds_tls_private_key" {
  description = "The key of xds_tls.certificate, PEM in PKCS#8 (-----BEGIN PRIVATE KEY-----): given exactly when xds_tls is. It lands in the Terraform state, as all of custom_data does."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.xds_tls_private_key == null || can(regex("-----BEGIN PRIVATE KEY-----", var.xds_tls_private_key))
    error_message = "xds_tls_private_key must be PEM in PKCS#8 (-----BEGIN PRIVATE KEY-----; openssl pkcs8 -topk8 -nocrypt converts one)."
  }
}

variable "console_api_oidc" {
  description = "Accept access tokens of people signed in with Microsoft Entra ID on the console API (console_api.oidc), beside console_tokens: tenant, the tenant id, and audiences, the API's client id and Application ID URI (the entra-sign-in module's tenant_id and audiences). The app roles are the control plane's defaults, Scalemesh.Viewer and Scalemesh.Operator. Null: static tokens only."
  type        = object({ tenant = string, audiences = list(string) })
  default     = null

  validation {
    condition     = var.console_api_oidc == null || try(can(regex("^[0-9A-Za-z.-]{1,100}$", var.console_api_oidc.tenant)) && length(var.console_api_oidc.audiences) > 0, false)
    error_message = "console_api_oidc needs tenant (a tenant id or domain name) and at least one audience."
  }
}

variable "console_api_tls" {
  description = "TLS for the console API, as PEM text: certificate (its SANs should hold the names or IPs operators dial) and optionally client_ca, the CA whose certificates consoles must then present. Null: plaintext."
  type        = object({ certificate = string, client_ca = optional(string) })
  default     = null

  validation {
    condition     = var.console_api_tls == null || can(regex("-----BEGIN CERTIFICATE-----", var.console_api_tls.certificate))
    error_message = "console_api_tls.certificate must be PEM (-----BEGIN CERTIFICATE-----)."
  }
}

variable "console_api_tls_private_key" {
  description = "The key of console_api_tls.certificate, PEM in PKCS#8 (-----BEGIN PRIVATE KEY-----): given exactly when console_api_tls is. It lands in the Terraform state, as all of custom_data does."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.console_api_tls_private_key == null || can(regex("-----BEGIN PRIVATE KEY-----", var.console_api_tls_private_key))
    error_message = "console_api_tls_private_key must be PEM in PKCS#8 (-----BEGIN PRIVATE KEY-----; openssl pkcs8 -topk8 -nocrypt converts one)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
