#!/usr/bin/env bash
# Installs what the browser tests need, idempotently: Debian's Chromium and chromedriver, and
# axe-core (npm) into tests/browser/node_modules, a test-only folder that never reaches a site.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}"
fi

if [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
  (cd "$here" && npm install --no-audit --no-fund --silent)
fi
echo "browser test tools ready: $(/usr/bin/chromium --version 2>/dev/null), axe-core $(node -p "require('$here/node_modules/axe-core/package.json').version")"
