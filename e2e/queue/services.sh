#!/usr/bin/env bash
# Postgres and Redis for the queue-mode e2e test, from Debian's packages, on loopback, with their data in
# temporary folders. Sourced by e2e/queue/test.sh:
#
#   queue_services_install        apt-get installs redis-server / postgresql when missing (needs root)
#   queue_services_start DIR      starts both below DIR; exports QUEUE_PG_PORT, QUEUE_PG_DIR, QUEUE_REDIS_PORT,
#                                 QUEUE_PG_USER/PASSWORD/DATABASE
#   queue_services_stop           stops both (idempotent; safe from an EXIT trap)
#
# Postgres' initdb refuses root: its data folder belongs to the `postgres` user and the server runs as it.

PG_BIN="${QUEUE_PG_BIN:-}"

qlog() { printf '[queue %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

queue_free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'
}

queue_pg_bin() {
	if [[ -n "$PG_BIN" ]]; then echo "$PG_BIN"; return; fi
	local d
	d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
	echo "$d"
}

queue_services_install() {
	local need=()
	command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
	[[ -x "$(queue_pg_bin)/initdb" ]] || need+=(postgresql)
	command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
	if (( ${#need[@]} == 0 )); then return 0; fi
	if [[ "$(id -u)" != 0 ]]; then
		qlog "missing ${need[*]}: install them (apt-get install -y ${need[*]}) or run as root"
		return 1
	fi
	qlog "apt-get install -y ${need[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	# Debian's packages may start their own services: this test never uses them, and leaves them as they were.
}

queue_services_start() {
	local base="$1"
	local bin
	bin="$(queue_pg_bin)"
	[[ -x "$bin/initdb" ]] || { qlog "no initdb under /usr/lib/postgresql/*/bin"; return 1; }

	# ---- Redis: no persistence, loopback, its own pid file
	QUEUE_REDIS_DIR="$base/redis"
	mkdir -p "$QUEUE_REDIS_DIR"
	QUEUE_REDIS_PORT="$(queue_free_port)"
	redis-server --bind 127.0.0.1 --port "$QUEUE_REDIS_PORT" --save "" --appendonly no \
		--dir "$QUEUE_REDIS_DIR" --daemonize yes --pidfile "$QUEUE_REDIS_DIR/redis.pid" \
		--logfile "$QUEUE_REDIS_DIR/redis.log" >/dev/null
	for _ in $(seq 1 50); do
		redis-cli -h 127.0.0.1 -p "$QUEUE_REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
		sleep 0.1
	done
	redis-cli -h 127.0.0.1 -p "$QUEUE_REDIS_PORT" ping 2>/dev/null | grep -q PONG \
		|| { qlog "redis did not answer on $QUEUE_REDIS_PORT"; cat "$QUEUE_REDIS_DIR/redis.log" >&2; return 1; }
	qlog "redis on 127.0.0.1:$QUEUE_REDIS_PORT (pid $(cat "$QUEUE_REDIS_DIR/redis.pid"))"

	# ---- Postgres: a throw-away cluster owned by postgres, fsync off, socket in its own folder
	QUEUE_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/aep-queue-pg.XXXXXX")"
	chown postgres:postgres "$QUEUE_PG_DIR"
	chmod 700 "$QUEUE_PG_DIR"
	QUEUE_PG_PORT="$(queue_free_port)"
	runuser -u postgres -- "$bin/initdb" -D "$QUEUE_PG_DIR/data" -U postgres -A trust >"$base/initdb.log" 2>&1 \
		|| { cat "$base/initdb.log" >&2; return 1; }
	runuser -u postgres -- "$bin/pg_ctl" -D "$QUEUE_PG_DIR/data" -l "$QUEUE_PG_DIR/postgres.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $QUEUE_PG_PORT -c unix_socket_directories=$QUEUE_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null || { cat "$QUEUE_PG_DIR/postgres.log" >&2; return 1; }
	QUEUE_PG_USER=n8n
	QUEUE_PG_PASSWORD="queue-$(node -e 'process.stdout.write(require("crypto").randomBytes(9).toString("hex"))')"
	QUEUE_PG_DATABASE=n8n
	psql -h 127.0.0.1 -p "$QUEUE_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
		-c "CREATE USER $QUEUE_PG_USER PASSWORD '$QUEUE_PG_PASSWORD'" \
		-c "CREATE DATABASE $QUEUE_PG_DATABASE OWNER $QUEUE_PG_USER" >/dev/null
	qlog "postgres $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$QUEUE_PG_PORT, data in $QUEUE_PG_DIR"
	export QUEUE_REDIS_PORT QUEUE_REDIS_DIR QUEUE_PG_PORT QUEUE_PG_DIR QUEUE_PG_USER QUEUE_PG_PASSWORD QUEUE_PG_DATABASE
}

queue_services_stop() {
	local bin
	bin="$(queue_pg_bin)"
	if [[ -n "${QUEUE_REDIS_DIR:-}" && -f "$QUEUE_REDIS_DIR/redis.pid" ]]; then
		local pid
		pid="$(cat "$QUEUE_REDIS_DIR/redis.pid")"
		if kill -0 "$pid" 2>/dev/null; then
			redis-cli -h 127.0.0.1 -p "$QUEUE_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null
			for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
		fi
	fi
	if [[ -n "${QUEUE_PG_DIR:-}" && -d "$QUEUE_PG_DIR/data" ]]; then
		if [[ -f "$QUEUE_PG_DIR/data/postmaster.pid" ]]; then
			runuser -u postgres -- "$bin/pg_ctl" -D "$QUEUE_PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
		fi
	fi
	if [[ -n "${QUEUE_PG_DIR:-}" && -d "$QUEUE_PG_DIR" ]]; then
		[[ -n "${E2E_KEEP:-}" ]] || rm -rf "$QUEUE_PG_DIR"
	fi
}
