terraform {
  required_version = ">= 1.5"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.55"
    }
    # Only the entra-sign-in module uses it (entra_sign_in); terraform init fetches it either way.
    # It signs in as azurerm does (Azure CLI, or ARM_* environment variables), to that tenant.
    azuread = {
      source  = "hashicorp/azuread"
      version = "~> 3.7"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = var.subscription_id
  # The change events' storage account takes no keys (Entra ID only), so whatever the provider
  # asks of a storage data plane it asks as the deploying identity.
  storage_use_azuread = true
}
