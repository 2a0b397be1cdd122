#!/usr/bin/env bash
# One-stop runner: installs (idempotent, cached outside the repo) and runs the e2e smoke checks.
#
#   bash e2e/run.sh                 install n8n + browser, run smoke.js and browser-smoke.js
#   bash e2e/run.sh --project       also check this package (run `npm run build` first)
#   bash e2e/run.sh --no-browser    skip chromium / playwright-core and browser-smoke.js
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BROWSER=1; ARGS=()
for a in "$@"; do
  case "$a" in
    --no-browser) BROWSER=0 ;;
    --project) ARGS+=(--project) ;;
    *) echo "unknown option: $a" >&2; exit 2 ;;
  esac
done
bash "$HERE/install-n8n.sh"
[[ $BROWSER == 1 ]] && bash "$HERE/install-browser.sh"
rc=0
node "$HERE/smoke.js" "${ARGS[@]}" || rc=1
if [[ $BROWSER == 1 ]]; then node "$HERE/browser-smoke.js" "${ARGS[@]}" || rc=1; fi
exit $rc
