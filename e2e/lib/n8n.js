'use strict';
/**
 * Drives the REAL n8n application (installed by e2e/install-n8n.sh) headless.
 * Plain CommonJS, no dependencies; runs under Node 20 or 24 (n8n itself always runs under the
 * cached Node 24).
 *
 *   const { N8n } = require('./lib/n8n');
 *   const n8n = await N8n.create();                 // fresh N8N_USER_FOLDER in a temp dir
 *   await n8n.installPackage('/tmp/pkg-0.1.0.tgz');  // like a user's n8n: $N8N_USER_FOLDER/.n8n/nodes
 *   await n8n.importCredentials([{ id, name, type, data: { ...plain } }]);
 *   const id = await n8n.importWorkflow('workflow.json');
 *   const r = await n8n.executeWorkflow(id);         // { code, run, stdout, stderr }
 *   N8n.nodeOutput(r.run, 'My Node')                 // -> [json, ...]
 *   await n8n.startServer();                         // waits for /healthz/readiness
 *   await n8n.setupOwner(); await n8n.login();
 *   await n8n.rest('GET', '/rest/credentials');
 *   await n8n.stop(); n8n.cleanup();
 *
 * Environment: E2E_CACHE, E2E_NODE_VERSION, E2E_N8N_VERSION, E2E_PLAYWRIGHT_VERSION (same defaults
 * as the install scripts), E2E_KEEP=1 keeps the user folder, E2E_DEBUG=1 echoes n8n's output.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const { N8nCli } = require('./n8n-cli');
const proc = require('./proc');
const { freePort, httpRequest, sleep } = proc;

const DEFAULT_OWNER = Object.freeze({
	email: 'owner@e2e.test',
	password: 'E2eOwnerPassw0rd!',
	firstName: 'E2E',
	lastName: 'Owner',
});

/** The n8n run folder, its CLI (N8nCli, e2e/lib/n8n-cli.js), the server process and its REST API. */
class N8n extends N8nCli {
	/**
	 * @param {object} [opts]
	 * @param {string} [opts.baseDir]        parent of the user folder (default: a new temp dir)
	 * @param {string} [opts.encryptionKey]  default: random per run
	 * @param {object} [opts.env]            extra env vars for every n8n process
	 * @param {string} [opts.logLevel]       N8N_LOG_LEVEL (default 'warn'; server uses 'info')
	 */
	static async create(opts = {}) {
		const n = new N8n(opts);
		n.brokerPort = await freePort();
		return n;
	}

	/**
	 * `n8n start` on 127.0.0.1:<port> (free port when omitted); resolves when /healthz/readiness
	 * answers 200. Output goes to <baseDir>/logs/server.log.
	 * @param {number} [port]
	 * @param {{ timeoutMs?: number, env?: NodeJS.ProcessEnv }} [options]
	 */
	async startServer(port, { timeoutMs = 180_000, env } = {}) {
		if (this.server) throw new Error('server already running');
		this.port = port || (await freePort());
		const logFile = path.join(this.logsFolder, 'server.log');
		const out = fs.openSync(logFile, 'a');
		const t0 = Date.now();
		const child = spawn(this.paths.nodeBin, [this.paths.n8nMain, 'start'], {
			cwd: this.baseDir,
			env: this.env({
				N8N_PORT: String(this.port),
				N8N_EDITOR_BASE_URL: `http://127.0.0.1:${this.port}`,
				N8N_LOG_LEVEL: this.logLevel === 'warn' ? 'info' : this.logLevel,
				...env,
			}),
			stdio: ['ignore', out, out],
			detached: true, // own process group, so stop() can also reach the task runner children
		});
		fs.closeSync(out);
		this.server = child;
		this.serverLog = logFile;
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			if (this.server === child) this.server = null;
		});
		while (Date.now() - t0 < timeoutMs) {
			if (exited) {
				throw new Error(`n8n start exited (${JSON.stringify(exited)}) before ready:\n${this.serverLogTail()}`);
			}
			try {
				const r = await httpRequest('GET', `${this.baseUrl}/healthz/readiness`, { timeoutMs: 2000 });
				if (r.status === 200) {
					this.timings.serverReadyMs = Date.now() - t0;
					return this.baseUrl;
				}
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		await this.stop();
		throw new Error(`n8n not ready after ${timeoutMs} ms:\n${this.serverLogTail()}`);
	}

	serverLogTail(lines = 60) {
		try {
			return fs.readFileSync(this.serverLog ?? '', 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '(no server log)';
		}
	}

	/**
	 * Authenticated (once login() ran) REST call against the running server.
	 * @returns {Promise<{status, headers, text, json}>}
	 */
	async rest(method, urlPath, body, { headers = {} } = {}) {
		if (!this.port) throw new Error('server not started');
		const r = await httpRequest(method, `${this.baseUrl}${urlPath}`, {
			body,
			headers: {
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers,
			},
		});
		const setCookie = r.headers['set-cookie'];
		if (setCookie) {
			const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
			if (auth) this.cookie = auth;
		}
		return r;
	}

	/** Like rest() but throws on a non-2xx status and returns the body's `data` (n8n wraps it). */
	async restData(method, urlPath, body) {
		const r = await this.rest(method, urlPath, body);
		if (r.status < 200 || r.status >= 300) {
			throw new Error(`${method} ${urlPath} -> ${r.status}: ${r.text.slice(0, 2000)}`);
		}
		return r.json && Object.prototype.hasOwnProperty.call(r.json, 'data') ? r.json.data : r.json;
	}

	/** POST /rest/owner/setup (first start only). */
	async setupOwner(owner = DEFAULT_OWNER) {
		this.owner = { ...DEFAULT_OWNER, ...owner };
		const { email, password, firstName, lastName } = this.owner;
		return await this.restData('POST', '/rest/owner/setup', { email, password, firstName, lastName });
	}

	/** POST /rest/login; keeps the n8n-auth cookie (bound to this.browserId) for later calls. */
	async login({ email, password } = this.owner || DEFAULT_OWNER) {
		this.cookie = null;
		const user = await this.restData('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (!this.cookie) throw new Error('login returned no n8n-auth cookie');
		return user;
	}

	/**
	 * POST /rest/dynamic-node-parameters/options: runs a node's loadOptions method (or resolves a
	 * static list) in the server. Returns the options array.
	 * @param {object} p
	 * @param {string} p.nodeType        e.g. 'n8n-nodes-adobe-experience-platform.adobeExperiencePlatform'
	 * @param {number} [p.typeVersion]   default 1
	 * @param {string} [p.methodName]    loadOptions method
	 * @param {string} [p.path]          parameter path, e.g. 'destination'
	 * @param {object} [p.currentNodeParameters]
	 * @param {object} [p.credentials]   e.g. { aepPlatformApi: { id, name } }
	 */
	async loadOptions({ nodeType, typeVersion = 1, methodName, path: paramPath, currentNodeParameters = {}, credentials }) {
		return await this.restData('POST', '/rest/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: nodeType, version: typeVersion },
			path: paramPath || methodName,
			methodName,
			currentNodeParameters,
			credentials,
		});
	}

	/** Node type descriptions the running server knows (GET /types/nodes.json). */
	async nodeTypes() {
		const r = await this.rest('GET', '/types/nodes.json');
		if (r.status !== 200) throw new Error(`/types/nodes.json -> ${r.status}`);
		return r.json;
	}

	/** Stops the server (SIGTERM, then SIGKILL to its process group after graceMs). */
	async stop({ graceMs = 20_000 } = {}) {
		const child = this.server;
		if (!child || child.pid === undefined) return;
		const pid = child.pid;
		const done = new Promise((r) => child.once('exit', r));
		try {
			process.kill(-pid, 'SIGTERM');
		} catch {
			child.kill('SIGTERM');
		}
		const timedOut = await Promise.race([done.then(() => false), sleep(graceMs).then(() => true)]);
		if (timedOut) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			await done;
		}
		// task-runner children share the group; make sure none is left behind
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* group already empty */
		}
		this.server = null;
		this.cookie = null;
	}

	/** Removes the run folder unless E2E_KEEP=1. */
	cleanup() {
		if (process.env.E2E_KEEP) {
			console.error(`[e2e] keeping ${this.baseDir}`);
			return;
		}
		fs.rmSync(this.baseDir, { recursive: true, force: true });
	}
}

module.exports = {
	N8n,
	DEFAULT_OWNER,
	...proc,
};
