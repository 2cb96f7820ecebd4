#!/usr/bin/env bash
# Installs what the IaC checks lack on a Debian machine, one line each, and nothing when all is
# there (./run test and ./run iac-check run it every time, so it must stay quick then):
#   - node, npm, cloud-init (for `cloud-init schema`), curl, jq and systemd-analyze from Debian,
#     without starting services; this part needs root;
#   - the pinned npm packages (package-lock.json): hcl2json, hcl-tools (terraform fmt's
#     formatter), and the azurerm and azuread provider bindings the schemas come from;
#   - build/azurerm-schema.json and build/azuread-schema.json, extracted from those bindings
#     (azurerm 4.55.0, azuread 3.7.0);
#   - and, by ../azurite/install.sh, Azurite, which the Maven tests of Azure's change events run
#     (it needs node and npm from here; ./run test runs this script before the build).
set -euo pipefail
cd "$(dirname "$0")"

declare -A package_of=([node]=nodejs [npm]=npm [cloud-init]=cloud-init [curl]=curl [jq]=jq [systemd-analyze]=systemd)
missing=()
for tool in node npm cloud-init curl jq systemd-analyze; do
  command -v "$tool" >/dev/null || missing+=("${package_of[$tool]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The IaC checks need the Debian packages ${missing[*]}: install them with sudo tools/iac-check/install.sh" >&2
    exit 1
  fi
  for package in "${missing[@]}"; do
    echo "iac-check install: $package (apt-get)"
  done
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    # Installing cloud-init must not start its services on this machine.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! npm ls --omit=dev >/dev/null 2>&1; then
  echo "iac-check install: the npm packages of package-lock.json (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

for provider in azurerm azuread; do
  schema="build/$provider-schema.json"
  if [ ! -f "$schema" ] || [ package-lock.json -nt "$schema" ] || [ src/extract-schema.js -nt "$schema" ]; then
    echo "iac-check install: $schema, from the $provider bindings"
    node src/extract-schema.js "$provider" "$schema" >/dev/null
  fi
done

../azurite/install.sh
