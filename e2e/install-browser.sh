#!/usr/bin/env bash
# Installs Debian's chromium (apt) and playwright-core into the e2e cache (NOT the project's package.json).
# Idempotent: skips apt when /usr/bin/chromium exists, and npm when the pinned playwright-core is present.
#
#   E2E_CACHE                 cache root (default: $HOME/.cache/aep-n8n-e2e)
#   E2E_PLAYWRIGHT_VERSION    playwright-core version (default 1.65.1)
set -euo pipefail

E2E_CACHE="${E2E_CACHE:-$HOME/.cache/aep-n8n-e2e}"
PW_VERSION="${E2E_PLAYWRIGHT_VERSION:-1.65.1}"
PW_DIR="$E2E_CACHE/playwright-core-$PW_VERSION"

log() { printf '[install-browser %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
T0=$(date +%s)

# ---------------------------------------------------------------- chromium (apt)
if [[ -x /usr/bin/chromium ]]; then
  log "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
else
  SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  log "apt-get update"
  $SUDO apt-get update -qq
  log "apt-get install chromium (+ fonts so screenshots have glyphs)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium fonts-liberation fonts-dejavu-core >/dev/null
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium missing after apt-get install"
  log "installed $(/usr/bin/chromium --version)"
fi

# ---------------------------------------------------------------- playwright-core (npm, into the cache)
if [[ -f "$PW_DIR/.installed" && -f "$PW_DIR/node_modules/playwright-core/package.json" ]]; then
  log "playwright-core $PW_VERSION already in $PW_DIR"
else
  log "npm install playwright-core@$PW_VERSION into $PW_DIR"
  mkdir -p "$PW_DIR"
  rm -f "$PW_DIR/.installed"
  cat > "$PW_DIR/package.json" <<JSON
{ "name": "aep-n8n-e2e-playwright", "private": true, "dependencies": { "playwright-core": "$PW_VERSION" } }
JSON
  # playwright-core never downloads a browser itself; be explicit anyway (no network but npm here)
  (cd "$PW_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  v="$(cd "$PW_DIR" && node -p "require('playwright-core/package.json').version")"
  [[ "$v" == "$PW_VERSION" ]] || die "installed playwright-core is $v, wanted $PW_VERSION"
  echo "$PW_VERSION" > "$PW_DIR/.installed"
fi

log "done in $(( $(date +%s) - T0 ))s"
echo "E2E_CHROMIUM=/usr/bin/chromium"
echo "E2E_PLAYWRIGHT_DIR=$PW_DIR"
