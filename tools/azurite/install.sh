#!/usr/bin/env bash
# Installs Azurite, Microsoft's Azure Storage emulator, pinned in package-lock.json: the control
# plane's change-event tests (Maven) run its queue service. One line when it installs, nothing when
# it is there: tools/iac-check/install.sh runs it every time, after installing node and npm.
set -euo pipefail
cd "$(dirname "$0")"

if ! npm ls --omit=dev >/dev/null 2>&1; then
  echo "azurite install: Azurite, the Storage emulator of the change-event tests (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
