#!/usr/bin/env bash
# `npm run test:e2e`: this package inside the REAL n8n, headless and in the browser.
#
#   1. installs Node 24 + n8n 2.41.1, chromium + playwright-core (cached in ~/.cache/aep-n8n-e2e;
#      e2e/install-n8n.sh and e2e/install-browser.sh, idempotent)
#   2. npm run build, npm pack (the tarball a user would install)
#   3. starts the Flow Service simulation (sim/) on a free port with a random client secret
#   4. runs e2e/pipeline.e2e.js (CLI + REST) and e2e/editor.e2e.js (chromium)
#   5. stops everything; prints `e2e: N passed, N failed` last; exits 1 on any failure
#
# Screenshots: e2e/artifacts/aep-*.png. E2E_KEEP=1 keeps n8n's run folders, E2E_DEBUG=1 echoes n8n.
set -Eeuo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
# shellcheck source=lib/package-and-sim.sh
source "$HERE/lib/package-and-sim.sh"
cd "$REPO"

T0=$(date +%s)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aep-e2e-run.XXXXXX")"
SIM_PID=""
PASSED=0
FAILED=0
STEP="start"
DONE=0

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

finish() {
	local rc=$?
	set +e
	if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
		kill -TERM "$SIM_PID" 2>/dev/null
		for _ in $(seq 1 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$SIM_PID" 2>/dev/null && kill -KILL "$SIM_PID" 2>/dev/null
	fi
	rm -rf "$WORK"
	if [[ $DONE == 0 ]]; then
		# a step before or between the tests broke: say which, loudly, and count it
		echo "" >&2
		echo "e2e: FAILED in step '$STEP' (exit $rc)" >&2
		FAILED=$((FAILED + 1))
	fi
	log "total $(( $(date +%s) - T0 ))s"
	echo "e2e: $PASSED passed, $FAILED failed"
	if (( FAILED > 0 )); then exit 1; fi
	exit 0
}
trap finish EXIT
trap 'exit 130' INT TERM

step() { STEP="$1"; log "== $1"; }

step "install n8n (e2e/install-n8n.sh)"
bash "$HERE/install-n8n.sh" >/dev/null

step "install chromium + playwright-core (e2e/install-browser.sh)"
bash "$HERE/install-browser.sh" >/dev/null

step "npm run build, npm pack"
pack_package
log "$(basename "$AEP_E2E_TARBALL") ($(du -k "$AEP_E2E_TARBALL" | cut -f1) kB)"

step "start the Flow Service simulation"
# 1,000 eligible datasets: the dataset picker (editor/datasetPicker.js) shows it reads pages, not everything
start_simulation e2e --dataset-count 1000
log "simulation at $AEP_E2E_SIM_URL (pid $SIM_PID)"

# Runs one test file; adds its "<label>: N passed, N failed" line to the totals. A test that dies
# without that line, or exits non-zero while reporting no failure, counts as one failure.
run_test() {
	local file="$1" label
	label="$(basename "$file" .js)"
	step "$label"
	local rc=0
	node "$HERE/$file" 2>&1 | tee "$WORK/$label.log" || rc=$?
	local line
	line="$(grep -E "^$label: [0-9]+ passed, [0-9]+ failed$" "$WORK/$label.log" | tail -n 1 || true)"
	if [[ -z "$line" ]]; then
		echo "e2e: $label printed no result line (exit $rc)" >&2
		FAILED=$((FAILED + 1))
		return
	fi
	local p f
	p="$(sed -E 's/^.*: ([0-9]+) passed, ([0-9]+) failed$/\1/' <<<"$line")"
	f="$(sed -E 's/^.*: ([0-9]+) passed, ([0-9]+) failed$/\2/' <<<"$line")"
	if (( rc != 0 && f == 0 )); then
		echo "e2e: $label exited $rc" >&2
		f=1
	fi
	PASSED=$((PASSED + p))
	FAILED=$((FAILED + f))
}

run_test pipeline.e2e.js
run_test editor.e2e.js

STEP="report"
DONE=1
if (( FAILED > 0 )); then
	echo "" >&2
	echo "e2e: FAILED ($FAILED failing check(s); see the FAIL lines above, screenshots in e2e/artifacts/)" >&2
fi
