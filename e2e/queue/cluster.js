'use strict';
/**
 * n8n in queue mode on this machine: one main instance (`n8n start`) and N workers (`n8n worker`),
 * sharing Postgres, Redis, the encryption key and ONE installed copy of the package (each process has
 * its own N8N_USER_FOLDER, whose `.n8n/nodes` is a symlink to main's: a shared user folder makes each
 * later process wait 10 s over the first one's crash journal).
 *
 * Built on e2e/lib/n8n.js (N8n per process; its env(), cli(), startServer(), stop(), cleanup()).
 * Postgres and Redis come from e2e/queue/services.sh through QUEUE_* variables.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { N8n, freePort, httpRequest, sleep } = require('../lib/n8n');

/** Settings every process of the cluster shares (what a user sets for queue mode; nothing package-specific). */
function queueEnv() {
	const need = ['QUEUE_REDIS_PORT', 'QUEUE_PG_PORT', 'QUEUE_PG_USER', 'QUEUE_PG_PASSWORD', 'QUEUE_PG_DATABASE'];
	const missing = need.filter((k) => !process.env[k]);
	if (missing.length) throw new Error(`${missing.join(', ')} not set: run through e2e/queue/test.sh (starts Postgres and Redis)`);
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: process.env.QUEUE_REDIS_PORT,
		QUEUE_BULL_REDIS_DB: '1',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: process.env.QUEUE_PG_PORT,
		DB_POSTGRESDB_DATABASE: process.env.QUEUE_PG_DATABASE,
		DB_POSTGRESDB_USER: process.env.QUEUE_PG_USER,
		DB_POSTGRESDB_PASSWORD: process.env.QUEUE_PG_PASSWORD,
		// json lines: main's "finished" line names the worker (workerId)
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/** Whether `unshare --uts` works here (root in a container): then each worker gets its own host name, hence its own workerId. */
async function canUnshareUts() {
	return await new Promise((resolve) => {
		const child = spawn('unshare', ['--uts', 'true'], { stdio: 'ignore' });
		child.on('error', () => resolve(false));
		child.on('exit', (code) => resolve(code === 0));
	});
}

class Cluster {
	/** @param {{ workers?: number }} [opts] */
	static async create({ workers = 2 } = {}) {
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const env = queueEnv();
		const main = await N8n.create({ encryptionKey, env, logLevel: 'info' });
		const list = [];
		for (let i = 0; i < workers; i++) list.push(await N8n.create({ encryptionKey, env, logLevel: 'info' }));
		return new Cluster(main, list, await canUnshareUts());
	}

	constructor(main, workers, unshare) {
		this.main = main;
		this.workers = workers;
		this.unshare = unshare;
		/** worker index -> host name (its workerId is `worker-<host name>` when unshare works). */
		this.hostNames = workers.map((_, i) => `aep-queue-worker-${i + 1}`);
		this.timings = {};
	}

	get all() {
		return [this.main, ...this.workers];
	}

	/** Installs the tarball once (main's nodes folder) and links every worker's nodes folder to it. */
	async installPackage(tgz) {
		const installed = await this.main.installPackage(tgz);
		for (const worker of this.workers) {
			fs.rmSync(worker.nodesFolder, { recursive: true, force: true });
			fs.symlinkSync(this.main.nodesFolder, worker.nodesFolder, 'dir');
		}
		return installed;
	}

	/** Main, then the workers in parallel (a worker needs the migrated database main leaves). */
	async start() {
		let t0 = Date.now();
		await this.main.startServer();
		this.timings.mainReadyMs = Date.now() - t0;
		t0 = Date.now();
		await Promise.all(this.workers.map((worker, i) => this.startWorker(worker, i)));
		this.timings.workersReadyMs = Date.now() - t0;
	}

	async startWorker(worker, index, { timeoutMs = 120_000 } = {}) {
		worker.port = await freePort();
		const logFile = path.join(worker.logsFolder, 'worker.log');
		worker.serverLog = logFile;
		const out = fs.openSync(logFile, 'a');
		const nodeArgs = [worker.paths.n8nMain, 'worker', '--concurrency=10'];
		const [cmd, args] = this.unshare
			? ['unshare', ['--uts', 'sh', '-c', `hostname "$0" && exec "$@"`, this.hostNames[index], worker.paths.nodeBin, ...nodeArgs]]
			: [worker.paths.nodeBin, nodeArgs];
		const child = spawn(cmd, args, {
			cwd: worker.baseDir,
			env: worker.env({
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(worker.port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			}),
			stdio: ['ignore', out, out],
			detached: true, // own process group: N8n.stop() reaches the task runner too
		});
		fs.closeSync(out);
		worker.server = child;
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			if (worker.server === child) worker.server = null;
		});
		const t0 = Date.now();
		while (Date.now() - t0 < timeoutMs) {
			if (exited) throw new Error(`worker ${index + 1} exited (${JSON.stringify(exited)}):\n${worker.serverLogTail()}`);
			try {
				const r = await httpRequest('GET', `http://127.0.0.1:${worker.port}/healthz/readiness`, { timeoutMs: 2000 });
				if (r.status === 200) return;
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		throw new Error(`worker ${index + 1} not ready after ${timeoutMs} ms:\n${worker.serverLogTail()}`);
	}

	/** Workers first (they finish their jobs), then main. */
	async stop() {
		await Promise.all(this.workers.map((w) => w.stop().catch(() => {})));
		await this.main.stop().catch(() => {});
	}

	cleanup() {
		for (const n of this.all) n.cleanup();
	}

	/** JSON log lines of a process (non-JSON lines skipped). */
	static logLines(n8n) {
		let text = '';
		try {
			text = fs.readFileSync(n8n.serverLog, 'utf8');
		} catch {
			return [];
		}
		const lines = [];
		for (const line of text.split('\n')) {
			if (!line.startsWith('{')) continue;
			try {
				lines.push(JSON.parse(line));
			} catch {
				/* a partial line */
			}
		}
		return lines;
	}

	/**
	 * Which worker ran which execution, from each worker's own log ("Worker started execution <id>").
	 * @returns {Map<string, number[]>} execution id -> indexes of the workers that started it
	 */
	executionsByWorker() {
		const map = new Map();
		this.workers.forEach((worker, index) => {
			for (const line of Cluster.logLines(worker)) {
				const m = /Worker started execution (\d+)/.exec(line.message || '');
				if (!m) continue;
				if (!map.has(m[1])) map.set(m[1], []);
				map.get(m[1]).push(index);
			}
		});
		return map;
	}

	/** workerId main logged per finished execution: `Execution <id> (job <n>) finished`, metadata.workerId. */
	workerIdsFromMain() {
		const map = new Map();
		for (const line of Cluster.logLines(this.main)) {
			const meta = line.metadata || {};
			if (/^Execution \d+ \(job \d+\) finished/.test(line.message || '') && meta.workerId) map.set(String(meta.executionId), meta.workerId);
		}
		return map;
	}
}

module.exports = { Cluster, queueEnv };
