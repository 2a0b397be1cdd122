'use strict';
/**
 * The n8n run folder and the n8n CLI (split out of e2e/lib/n8n.js): the environment every n8n
 * process gets, `n8n <command>`, installing the package tarball, import:credentials / import:workflow,
 * execute and reading a node's output. e2e/lib/n8n.js's N8n extends it with the server and REST client.
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { assertInstalled, parseJsonBlock, randomId, run, runNpm } = require('./proc');

class N8nCli {
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
}

module.exports = { N8nCli };
