terraform {
  required_version = ">= 1.5"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.55"
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
