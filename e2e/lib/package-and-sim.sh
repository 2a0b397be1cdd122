#!/usr/bin/env bash
# Shared by e2e/test.sh and e2e/queue/test.sh (sourced; REPO and WORK are set by the caller):
# the package as a user installs it, and the Flow Service simulation the tests run against.

# pack_package: builds and packs the package into $WORK/pack; sets and exports AEP_E2E_TARBALL.
pack_package() {
	npm run build --silent >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; return 1; }
	mkdir -p "$WORK/pack"
	local tarball
	tarball="$WORK/pack/$(npm pack --silent --ignore-scripts --pack-destination "$WORK/pack" 2>/dev/null | tail -n 1)"
	[[ -f "$tarball" ]] || { echo "npm pack produced no tarball ($tarball)" >&2; return 1; }
	export AEP_E2E_TARBALL="$tarball"
}

# start_simulation PREFIX [SIM_ARGS…]: starts sim/cli.ts on a free port with a random client secret (PREFIX-…)
# and any further sim/cli.ts arguments; sets SIM_PID (the caller stops it) and exports AEP_E2E_SIM_URL,
# AEP_E2E_CLIENT_ID, AEP_E2E_CLIENT_SECRET.
start_simulation() {
	export AEP_E2E_CLIENT_ID="sim-client-id"
	AEP_E2E_CLIENT_SECRET="$1-$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("hex"))')"
	export AEP_E2E_CLIENT_SECRET
	AEP_SIM_CLIENT_ID="$AEP_E2E_CLIENT_ID" AEP_SIM_CLIENT_SECRET="$AEP_E2E_CLIENT_SECRET" \
		"$REPO/node_modules/.bin/tsx" "$REPO/sim/cli.ts" --port 0 "${@:2}" >"$WORK/sim.out" 2>"$WORK/sim.err" &
	SIM_PID=$!
	local url=""
	for _ in $(seq 1 150); do
		url="$(head -n 1 "$WORK/sim.out" 2>/dev/null || true)"
		[[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] && break
		kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.out" "$WORK/sim.err" >&2; echo "simulation exited" >&2; return 1; }
		sleep 0.2
	done
	[[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || { cat "$WORK/sim.err" >&2; echo "simulation printed no URL in 30 s" >&2; return 1; }
	export AEP_E2E_SIM_URL="$url"
}
