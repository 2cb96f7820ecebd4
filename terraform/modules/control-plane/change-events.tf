# Resource Manager's change events, so that the control plane reads the backend scale set within
# seconds of a change rather than at its next refresh (the repository README, Discovery sources):
# Event Grid's system topic on the resource group sends the write, delete and action events of
# the scale set (and of what is under it: Uniform instances) and of the group's VMs (Flexible
# instances are VMs whose names need not say their scale set) to a Storage queue, which the
# control plane reads as its identity. Off with change_events = false or Consul discovery: then
# none of this exists and the control plane only polls.

locals {
  change_events = var.change_events && var.discovery_kind == "azure-vmss"

  # Event Grid's subject filter: resource ids that begin with one of these (case-insensitively).
  change_event_subjects = [
    "${data.azurerm_resource_group.this.id}/providers/Microsoft.Compute/virtualMachineScaleSets/${var.backend_scale_set_name}",
    "${data.azurerm_resource_group.this.id}/providers/Microsoft.Compute/virtualMachines/",
  ]
}

resource "azurerm_storage_account" "change_events" {
  count = local.change_events ? 1 : 0

  # Globally unique, 3-24 lower-case letters and digits: from the resource group's id, so the same
  # on every apply and another in every subscription and group.
  name                     = "smevents${substr(sha1(data.azurerm_resource_group.this.id), 0, 16)}"
  resource_group_name      = var.resource_group_name
  location                 = var.location
  account_kind             = "StorageV2"
  account_tier             = "Standard"
  account_replication_type = "LRS" # a lost event costs one refresh period, not data

  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false
  # Entra ID only: the control plane reads as its managed identity and Event Grid writes as the
  # topic's, so no account key or SAS exists to leak.
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
  tags                            = var.tags
}

resource "azurerm_storage_queue" "change_events" {
  count = local.change_events ? 1 : 0

  name               = "scale-set-changes"
  storage_account_id = azurerm_storage_account.change_events[0].id # Resource Manager, not keys
}

resource "azurerm_eventgrid_system_topic" "resource_group" {
  count = local.change_events ? 1 : 0

  name                = "${var.name}-resource-changes"
  resource_group_name = var.resource_group_name
  location            = "global" # where a resource group's events come from
  source_resource_id  = data.azurerm_resource_group.this.id
  topic_type          = "Microsoft.Resources.ResourceGroups"
  tags                = var.tags

  # Delivers to the queue as this identity: the account takes no keys.
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "change_events_sender" {
  count = local.change_events ? 1 : 0

  scope                = azurerm_storage_queue.change_events[0].resource_manager_id
  role_definition_name = "Storage Queue Data Message Sender"
  principal_id         = azurerm_eventgrid_system_topic.resource_group[0].identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

# Receive and delete on this queue, nothing else in the account.
resource "azurerm_role_assignment" "change_events_reader" {
  count = local.change_events ? 1 : 0

  scope                = azurerm_storage_queue.change_events[0].resource_manager_id
  role_definition_name = "Storage Queue Data Message Processor"
  principal_id         = azurerm_user_assigned_identity.this.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_eventgrid_system_topic_event_subscription" "scale_set" {
  count = local.change_events ? 1 : 0

  name                  = "${var.name}-scale-set"
  system_topic          = azurerm_eventgrid_system_topic.resource_group[0].name
  resource_group_name   = var.resource_group_name
  event_delivery_schema = "EventGridSchema"

  # Whatever may change which instances exist or their state: writes (a capacity change, a new
  # instance), deletes, actions (start, deallocate, restart, reimage), and failures of each (a
  # failed instance is routed differently too).
  included_event_types = [
    "Microsoft.Resources.ResourceWriteSuccess",
    "Microsoft.Resources.ResourceWriteFailure",
    "Microsoft.Resources.ResourceDeleteSuccess",
    "Microsoft.Resources.ResourceDeleteFailure",
    "Microsoft.Resources.ResourceActionSuccess",
    "Microsoft.Resources.ResourceActionFailure",
  ]

  advanced_filter {
    string_begins_with {
      key    = "subject"
      values = local.change_event_subjects
    }
  }

  delivery_identity {
    type = "SystemAssigned"
  }

  storage_queue_endpoint {
    storage_account_id = azurerm_storage_account.change_events[0].id
    queue_name         = azurerm_storage_queue.change_events[0].name
    # Messages left while no control plane reads (all stopped) expire: a control plane that
    # starts reads every scale set anyway, so old hints would only cost reads.
    queue_message_time_to_live_in_seconds = 600
  }

  # Retries for five minutes, then the event is dropped, and no dead-letter destination: an event
  # is a hint, and by then the control plane has polled the scale set (refresh_seconds) and seen
  # the change. A dead-lettered hint has nobody to act on it, and would need a blob container and
  # another role of its own.
  retry_policy {
    max_delivery_attempts = 10
    event_time_to_live    = 5
  }

  # Deliveries before the topic may send are lost (retried for five minutes at most).
  depends_on = [azurerm_role_assignment.change_events_sender]
}
