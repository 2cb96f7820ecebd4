variable "name" {
  description = "Display name of the API's registration; the console's is \"NAME console\"."
  type        = string
  default     = "Scalemesh"
}

variable "identifier_uri" {
  description = "The API's Application ID URI (api://...), the prefix of the console's scope and an accepted audience. Null: api://<the API's client id>, which is unique and which tenant policies on ID URIs accept."
  type        = string
  default     = null

  validation {
    condition     = var.identifier_uri == null || can(regex("^api://[^/]+$", var.identifier_uri))
    error_message = "identifier_uri must be api://NAME (no path)."
  }
}

variable "operators" {
  description = "Object ids of the users and groups given the operator app role (watch and scale). Groups need Entra ID P1 or P2. Empty: assign people in the portal (Enterprise applications)."
  type        = list(string)
  default     = []
}

variable "viewers" {
  description = "Object ids of the users and groups given the viewer app role (watch only). Groups need Entra ID P1 or P2."
  type        = list(string)
  default     = []
}
