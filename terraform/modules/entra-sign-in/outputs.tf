output "tenant_id" {
  description = "The tenant of the registrations: console_api.oidc.tenant."
  value       = data.azuread_client_config.current.tenant_id
}

output "api_client_id" {
  description = "The API's client id: the audience of v2.0 tokens."
  value       = azuread_application.api.client_id
}

output "identifier_uri" {
  description = "The API's Application ID URI: the audience of v1.0 tokens, and the prefix of the console's scope."
  value       = azuread_application_identifier_uri.api.identifier_uri
}

output "audiences" {
  description = "The audiences the control plane accepts (console_api.oidc.audiences): the API's client id and its Application ID URI."
  value       = [azuread_application.api.client_id, azuread_application_identifier_uri.api.identifier_uri]
}

output "console_client_id" {
  description = "The console's client id (its connection dialog's Client id)."
  value       = azuread_application.console.client_id
}

output "console_scope" {
  description = "The scope the console asks for (its connection dialog's Scope)."
  value       = "${azuread_application_identifier_uri.api.identifier_uri}/${local.scope}"
}

output "authority" {
  description = "The authority the console signs in at (its connection dialog's Authority)."
  value       = "https://login.microsoftonline.com/${data.azuread_client_config.current.tenant_id}"
}

output "roles" {
  description = "The app roles' values, as the control plane's console_api.oidc.roles defaults name them."
  value       = { viewer = local.viewer_role, operator = local.operator_role }
}
