# Sign-in with Microsoft Entra ID for the console API (the repository README, Signing in with
# Microsoft Entra ID): the API's registration with its two app roles and the scope the console
# asks for, its service principal with assignment required (only people given a role get a token
# at all), and the console's public client registration (loopback redirect for the system browser,
# public client flows for device code), pre-authorized for that scope so that nobody is asked to
# consent. The control plane accepts the API's tokens with console_api.oidc: this module's tenant_id
# and audiences (the control-plane module's console_api_oidc).

data "azuread_client_config" "current" {}

locals {
  # The values of the app roles are the control plane's defaults (console_api.oidc.roles in
  # defaults.yaml); the rendered configuration relies on them and names no roles.
  viewer_role   = "Scalemesh.Viewer"
  operator_role = "Scalemesh.Operator"
  scope         = "Console.Use"

  # Ids of the roles and the scope: fixed UUIDs derived from their names, the same on every apply
  # (an id must not change while the role or scope exists) and needing no other provider.
  viewer_role_id   = uuidv5("url", "https://scalemesh.invalid/app-roles/${local.viewer_role}")
  operator_role_id = uuidv5("url", "https://scalemesh.invalid/app-roles/${local.operator_role}")
  scope_id         = uuidv5("url", "https://scalemesh.invalid/scopes/${local.scope}")

  identifier_uri = coalesce(var.identifier_uri, "api://${azuread_application.api.client_id}")
  owners         = [data.azuread_client_config.current.object_id]
}

resource "azuread_application" "api" {
  display_name     = var.name
  sign_in_audience = "AzureADMyOrg" # this tenant's people only
  owners           = local.owners

  api {
    # v2.0 tokens: issuer https://login.microsoftonline.com/TENANT/v2.0, audience the client id.
    requested_access_token_version = 2

    oauth2_permission_scope {
      id                         = local.scope_id
      value                      = local.scope
      type                       = "User"
      enabled                    = true
      admin_consent_display_name = "Use the Scalemesh console"
      admin_consent_description  = "Lets the Scalemesh console call the control plane's console API as the signed-in person, with the person's Scalemesh role."
      user_consent_display_name  = "Use the Scalemesh console"
      user_consent_description   = "Lets the Scalemesh console call the control plane's console API as you, with your Scalemesh role."
    }
  }

  # Users and groups sign in with these; applications (automation with client credentials) too.
  app_role {
    id                   = local.viewer_role_id
    value                = local.viewer_role
    display_name         = "Scalemesh viewer"
    description          = "Watches the control plane: proxies, scale sets, instances."
    allowed_member_types = ["User", "Application"]
    enabled              = true
  }

  app_role {
    id                   = local.operator_role_id
    value                = local.operator_role
    display_name         = "Scalemesh operator"
    description          = "Watches the control plane and scales its scale sets."
    allowed_member_types = ["User", "Application"]
    enabled              = true
  }

  # The Application ID URI is its own resource below (it may name the client id, known only
  # after this one exists).
  lifecycle {
    ignore_changes = [identifier_uris]
  }
}

resource "azuread_application_identifier_uri" "api" {
  application_id = azuread_application.api.id
  identifier_uri = local.identifier_uri
}

resource "azuread_service_principal" "api" {
  client_id = azuread_application.api.client_id
  owners    = local.owners
  # Only the people and groups assigned a role (below, or in the portal) get a token for the API.
  app_role_assignment_required = true
}

resource "azuread_application" "console" {
  display_name     = "${var.name} console"
  sign_in_audience = "AzureADMyOrg"
  owners           = local.owners

  # "Allow public client flows": the device code sign-in. The console has no secret.
  fallback_public_client_enabled = true

  # The system browser's sign-in redirects to a loopback port MSAL picks; Entra matches
  # http://localhost whatever the port.
  public_client {
    redirect_uris = ["http://localhost"]
  }

  required_resource_access {
    resource_app_id = azuread_application.api.client_id

    resource_access {
      id   = local.scope_id
      type = "Scope"
    }
  }
}

resource "azuread_service_principal" "console" {
  client_id = azuread_application.console.client_id
  owners    = local.owners
}

# The console may ask for the scope without anyone consenting (what "Grant admin consent" does,
# without the deploying identity needing the right to grant it tenant-wide).
resource "azuread_application_pre_authorized" "console" {
  application_id       = azuread_application.api.id
  authorized_client_id = azuread_application.console.client_id
  permission_ids       = [local.scope_id]
}

resource "azuread_app_role_assignment" "operator" {
  for_each = toset(var.operators)

  app_role_id         = local.operator_role_id
  principal_object_id = each.value
  resource_object_id  = azuread_service_principal.api.object_id
}

resource "azuread_app_role_assignment" "viewer" {
  for_each = toset(var.viewers)

  app_role_id         = local.viewer_role_id
  principal_object_id = each.value
  resource_object_id  = azuread_service_principal.api.object_id
}
