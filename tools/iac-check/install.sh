#!/usr/bin/env bash
# Installs what the IaC checks need on a Debian machine, idempotently (CI runs it every time):
#   - cloud-init (for `cloud-init schema`), curl and jq from Debian, without starting services;
#   - the pinned npm packages (package-lock.json): hcl2json, hcl-tools (terraform fmt's
#     formatter), and the azurerm provider bindings the schema comes from;
#   - build/azurerm-schema.json, extracted from those bindings (azurerm 4.55.0).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for tool in cloud-init curl jq systemd-analyze; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "iac-check install: apt-get install ${missing[*]}"
  packages=(cloud-init curl jq systemd)
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    # Installing cloud-init must not start its services on this machine.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if ! npm ls --omit=dev >/dev/null 2>&1; then
  echo "iac-check install: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -f build/azurerm-schema.json ] || [ package-lock.json -nt build/azurerm-schema.json ]; then
  node src/extract-schema.js build/azurerm-schema.json
fi
