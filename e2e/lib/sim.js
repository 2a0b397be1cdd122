'use strict';
/**
 * The local Flow Service simulation for the e2e tests (split out of e2e/lib/aep.js): the one
 * e2e/test.sh started or a new `tsx sim/cli.ts`, and a client for it. Re-exported by e2e/lib/aep.js.
 */
const assert = require('assert');
const crypto = require('crypto');
const path = require('path');
const { spawn } = require('child_process');

const { httpRequest, sleep } = require('./n8n');

const REPO = process.env.E2E_PROJECT_DIR || path.resolve(__dirname, '..', '..');
const FLOW_SERVICE = '/data/foundation/flowservice';

// ------------------------------------------------------------------ the Flow Service simulation
/**
 * The simulation e2e/test.sh started (AEP_E2E_SIM_URL, AEP_E2E_CLIENT_ID, AEP_E2E_CLIENT_SECRET),
 * or a new one on a free port (stopped by close()). Talks to it as a client would: IMS token,
 * then Flow Service with the four AEP headers in one sandbox.
 */
class Sim {
	static async connect({ sandbox }) {
		if (process.env.AEP_E2E_SIM_URL) {
			return new Sim({
				url: process.env.AEP_E2E_SIM_URL.replace(/\/+$/, ''),
				clientId: process.env.AEP_E2E_CLIENT_ID || 'sim-client-id',
				clientSecret: process.env.AEP_E2E_CLIENT_SECRET || 'sim-client-secret',
				sandbox,
			});
		}
		const clientId = 'sim-client-id';
		const clientSecret = `e2e-secret-${crypto.randomBytes(12).toString('hex')}`;
		const { child, url } = await startSimProcess({ clientId, clientSecret });
		const sim = new Sim({ url, clientId, clientSecret, sandbox });
		sim.child = child;
		return sim;
	}

	constructor({ url, clientId, clientSecret, sandbox }) {
		this.url = url;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.sandbox = sandbox;
		this.organizationId = 'E2E0123456789ABCDEF01234@AdobeOrg';
		this.imsTokenUrl = `${url}/ims/token/v3`;
		this.gatewayUrl = url;
		this.accessToken = null;
		/** IMS token requests this client made (the request log does not tell callers apart). */
		this.ownTokenRequests = 0;
		this.child = null;
	}

	/** The plain `data` of an aepPlatformApi credential pointing here. */
	credentialData() {
		return {
			clientId: this.clientId,
			clientSecret: this.clientSecret,
			organizationId: this.organizationId,
			sandboxName: this.sandbox,
			showAdvanced: true,
			imsTokenUrl: this.imsTokenUrl,
			gatewayUrl: this.gatewayUrl,
		};
	}

	async token() {
		if (this.accessToken) return this.accessToken;
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: this.clientId,
			client_secret: this.clientSecret,
			scope: 'openid,AdobeID',
		}).toString();
		this.ownTokenRequests++;
		const r = await httpRequest('POST', this.imsTokenUrl, {
			body: form,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		if (r.status !== 200 || !r.json || !r.json.access_token) throw new Error(`IMS token -> ${r.status} ${r.text}`);
		this.accessToken = r.json.access_token;
		return this.accessToken;
	}

	/** GET/POST below Flow Service, as the package's client would; returns the parsed body. */
	async flowService(method, urlPath, body) {
		const r = await httpRequest(method, `${this.url}${FLOW_SERVICE}${urlPath}`, {
			body,
			headers: {
				authorization: `Bearer ${await this.token()}`,
				'x-api-key': this.clientId,
				'x-gw-ims-org-id': this.organizationId,
				'x-sandbox-name': this.sandbox,
			},
		});
		if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${FLOW_SERVICE}${urlPath} -> ${r.status} ${r.text}`);
		return r.json;
	}

	/** One entity by ID (GET by ID answers {items: [entity]}). */
	async entity(collection, id) {
		const body = await this.flowService('GET', `/${collection}/${encodeURIComponent(id)}`);
		assert.ok(body && Array.isArray(body.items) && body.items.length === 1, `GET /${collection}/${id}: ${JSON.stringify(body)}`);
		return body.items[0];
	}

	async admin(method, urlPath, body) {
		const r = await httpRequest(method, `${this.url}/__sim${urlPath}`, { body });
		if (r.status < 200 || r.status >= 300) throw new Error(`${method} /__sim${urlPath} -> ${r.status} ${r.text}`);
		return r.json;
	}

	/** Adds a run to a flow through the control API; returns the run as AEP shows it. */
	async addRun(flowId, run) {
		return await this.admin('POST', `/flows/${encodeURIComponent(flowId)}/runs`, run);
	}

	/** The whole request log (control API calls are not in it; IMS token requests have no sandbox). */
	async allRequests() {
		return (await this.admin('GET', '/requests')).items;
	}

	/** Request log entries of this sandbox (Flow Service calls). */
	async requests() {
		return (await this.allRequests()).filter((r) => r.sandbox === this.sandbox);
	}

	async close() {
		if (!this.child) return;
		const child = this.child;
		this.child = null;
		if (child.exitCode !== null) return;
		const done = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await Promise.race([done, sleep(5000)]);
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}

/** `tsx sim/cli.ts --port 0`; resolves with its URL (the first line it prints). */
function startSimProcess({ clientId, clientSecret }) {
	const tsx = path.join(REPO, 'node_modules', '.bin', 'tsx');
	const child = spawn(tsx, ['sim/cli.ts', '--port', '0'], {
		cwd: REPO,
		env: { ...process.env, AEP_SIM_CLIENT_ID: clientId, AEP_SIM_CLIENT_SECRET: clientSecret },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`simulation did not print its URL in 30 s\n${out}${err}`));
		}, 30_000);
		child.stdout.on('data', (d) => {
			out += d;
			const m = /^(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve({ child, url: m[1] });
			}
		});
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`simulation exited ${code}\n${out}${err}`));
		});
	});
}

module.exports = { REPO, Sim };
