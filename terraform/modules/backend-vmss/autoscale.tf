# CPU autoscale, Azure Monitor's rules: out by 1 when the average CPU over 5 minutes is above 75%,
# in by 1 when it is below 25%, 1 minute of cooldown after each action. The control plane's
# simulated autoscaler applies the same semantics (autoscale.* in its configuration).

locals {
  scale_set_id = local.uniform ? azurerm_linux_virtual_machine_scale_set.uniform[0].id : azurerm_orchestrated_virtual_machine_scale_set.flexible[0].id

  cpu_rules = {
    out = { operator = "GreaterThan", threshold = 75, direction = "Increase" }
    in  = { operator = "LessThan", threshold = 25, direction = "Decrease" }
  }
}

resource "azurerm_monitor_autoscale_setting" "cpu" {
  name                = "${var.name}-cpu"
  resource_group_name = var.resource_group_name
  location            = var.location
  target_resource_id  = local.scale_set_id
  tags                = var.tags

  lifecycle {
    precondition {
      condition     = var.autoscale_minimum <= var.autoscale_default && var.autoscale_default <= var.autoscale_maximum
      error_message = "Autoscale needs minimum <= default <= maximum."
    }
  }

  profile {
    name = "cpu"

    capacity {
      minimum = var.autoscale_minimum
      maximum = var.autoscale_maximum
      default = var.autoscale_default
    }

    dynamic "rule" {
      for_each = local.cpu_rules
      content {
        metric_trigger {
          metric_name        = "Percentage CPU"
          metric_resource_id = local.scale_set_id
          time_grain         = "PT1M"
          statistic          = "Average"
          time_window        = "PT5M"
          time_aggregation   = "Average"
          operator           = rule.value.operator
          threshold          = rule.value.threshold
        }

        scale_action {
          direction = rule.value.direction
          type      = "ChangeCount"
          value     = "1"
          cooldown  = "PT1M"
        }
      }
    }
  }
}
