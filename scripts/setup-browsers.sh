#!/usr/bin/env bash
# Installs Debian's Chromium and Firefox ESR when they are missing (the tests and the demo use these,
# never a downloaded browser build), and Xvfb, the virtual display of the one test that opens real DevTools
# (e2e/chromium/devtools.spec.ts). Needs root or sudo; does nothing when all three are present.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/firefox-esr ] && [ -x /usr/bin/Xvfb ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing Debian's chromium, firefox-esr and xvfb…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium firefox-esr xvfb >/dev/null
