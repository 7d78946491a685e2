#!/usr/bin/env bash
# Installs Debian's Chromium and Firefox ESR when they are missing (the tests and the demo use these,
# never a downloaded browser build). Needs root or sudo; does nothing when both are present.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/firefox-esr ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing Debian's chromium and firefox-esr…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium firefox-esr >/dev/null
