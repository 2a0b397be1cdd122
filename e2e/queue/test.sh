#!/usr/bin/env bash
# `npm run test:queue`: the package in n8n's queue mode (one main, two workers, Postgres, Redis).
#
#   1. installs Node 24 + n8n 2.41.1 (e2e/install-n8n.sh, cached in $E2E_CACHE) and, when missing,
#      Debian's redis-server and postgresql (apt-get, as root)
#   2. npm run build, npm pack (the tarball a user would install)
#   3. starts Postgres and Redis on 127.0.0.1, data in temporary folders (e2e/queue/services.sh), and the
#      Flow Service simulation (sim/) with a random client secret
#   4. runs e2e/queue/queue.e2e.js (starts and stops main + workers itself)
#   5. stops everything, removes every folder; prints `queue: N passed, N failed` last; exits 1 on failure
#
# E2E_KEEP=1 keeps n8n's run folders and the Postgres folder; QUEUE_E2E_CALLS=N changes the 50 calls per burst.
set -Eeuo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"
# shellcheck source=services.sh
source "$HERE/services.sh"
# shellcheck source=../lib/package-and-sim.sh
source "$REPO/e2e/lib/package-and-sim.sh"

T0=$(date +%s)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aep-queue-run.XXXXXX")"
SIM_PID=""
PASSED=0
FAILED=0
STEP="start"
DONE=0
declare -A TIMES=()

log() { printf '[queue %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

finish() {
	local rc=$?
	set +e
	if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
		kill -TERM "$SIM_PID" 2>/dev/null
		for _ in $(seq 1 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$SIM_PID" 2>/dev/null && kill -KILL "$SIM_PID" 2>/dev/null
	fi
	queue_services_stop
	[[ -n "${E2E_KEEP:-}" ]] || rm -rf "$WORK"
	if [[ $DONE == 0 ]]; then
		echo "" >&2
		echo "queue: FAILED in step '$STEP' (exit $rc)" >&2
		FAILED=$((FAILED + 1))
	fi
	local timing=""
	for k in "${!TIMES[@]}"; do timing+="$k ${TIMES[$k]}s, "; done
	log "timings: ${timing}total $(( $(date +%s) - T0 ))s"
	echo "queue: $PASSED passed, $FAILED failed"
	if (( FAILED > 0 )); then exit 1; fi
	exit 0
}
trap finish EXIT
trap 'exit 130' INT TERM

STEP_T0=$T0
step() {
	local now
	now=$(date +%s)
	[[ "$STEP" == start ]] || TIMES["$STEP"]=$(( now - STEP_T0 ))
	STEP="$1"; STEP_T0=$now; log "== $1"
}

step "install n8n"
bash "$REPO/e2e/install-n8n.sh" >/dev/null

step "install redis and postgres"
queue_services_install

step "build and pack"
pack_package

step "start postgres, redis, simulation"
queue_services_start "$WORK"
start_simulation queue

step "queue.e2e.js"
rc=0
node "$HERE/queue.e2e.js" 2>&1 | tee "$WORK/queue.log" || rc=$?
line="$(grep -E '^queue: [0-9]+ passed, [0-9]+ failed$' "$WORK/queue.log" | tail -n 1 || true)"
if [[ -z "$line" ]]; then
	echo "queue.e2e.js printed no result line (exit $rc)" >&2
	FAILED=$((FAILED + 1))
else
	PASSED=$(sed -E 's/^queue: ([0-9]+) passed.*/\1/' <<<"$line")
	FAILED=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")
	(( rc != 0 && FAILED == 0 )) && FAILED=1
fi
# the result line of queue.e2e.js is printed again, last, by finish()
step "stop"
DONE=1
