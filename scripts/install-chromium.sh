#!/bin/sh
# Installs Debian's Chromium for the browser tests (tests/WebNet.Browser.Tests), which launch
# /usr/bin/chromium through Playwright and never download a browser. Does nothing when present.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
/usr/bin/chromium --version
