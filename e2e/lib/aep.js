'use strict';
/**
 * Helpers for the package's own e2e tests (pipeline.e2e.js, editor.e2e.js), on top of lib/n8n.js
 * and lib/browser.js: the check runner, the local Flow Service simulation (lib/sim.js: start it or use the
 * one e2e/test.sh started), the example workflows made runnable against it, a local HTTP
 * receiver standing in for Slack / SMTP, manual runs through n8n's REST API and secret scanning.
 * Editor helpers are in lib/aep-editor.js. Plain CommonJS, no dependencies.
 */
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const { packPackage, paths, sleep } = require('./n8n');
const { REPO, Sim } = require('./sim');

const PACKAGE_JSON = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const PACKAGE_NAME = PACKAGE_JSON.name;
/** Amazon S3's connection spec (the examples' destination). */
const AMAZON_S3_SPEC_ID = '4fce964d-3f37-408f-9778-e597338a21ee';

// ------------------------------------------------------------------ checks
/**
 * One line per check ("ok" / "FAIL" with the stack), then `<label>: N passed, N failed`.
 * `check` rethrows when `{ fatal: true }` (later checks depend on it).
 */
class Checks {
	constructor(label) {
		this.label = label;
		this.results = [];
		this.onFailure = null; // async (name) => void, e.g. a screenshot
	}

	async check(name, fn, { fatal = false } = {}) {
		const t0 = Date.now();
		try {
			await fn();
			this.results.push({ name, ok: true });
			console.log(`ok   ${name} (${Date.now() - t0} ms)`);
			return true;
		} catch (e) {
			this.results.push({ name, ok: false });
			console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e instanceof Error && e.stack ? e.stack : e).split('\n').join('\n     ')}`);
			if (this.onFailure) await this.onFailure(name).catch(() => {});
			if (fatal) throw new FatalCheck(name);
			return false;
		}
	}

	/** Records a failure that happened outside any check (setup crashed). */
	crashed(error) {
		if (error instanceof FatalCheck) return;
		this.results.push({ name: 'unexpected error', ok: false });
		console.log(`FAIL unexpected error\n     ${String(error && error.stack ? error.stack : error).split('\n').join('\n     ')}`);
	}

	get failed() {
		return this.results.filter((r) => !r.ok).length;
	}

	/** Prints the closing line e2e/test.sh reads and sets the exit code. */
	finish() {
		const passed = this.results.length - this.failed;
		console.log(`${this.label}: ${passed} passed, ${this.failed} failed`);
		process.exitCode = this.failed || this.results.length === 0 ? 1 : 0;
	}
}

class FatalCheck extends Error {
	constructor(name) {
		super(`fatal check failed: ${name}`);
	}
}

// ------------------------------------------------------------------ the package tarball
/** AEP_E2E_TARBALL (from e2e/test.sh) or a fresh `npm pack` of the repo (which must be built). */
async function packageTarball(destDir) {
	const given = process.env.AEP_E2E_TARBALL;
	if (given) {
		if (!fs.existsSync(given)) throw new Error(`AEP_E2E_TARBALL ${given} does not exist`);
		return path.resolve(given);
	}
	if (!fs.existsSync(path.join(REPO, 'dist'))) throw new Error(`${REPO}/dist missing: run npm run build first`);
	return await packPackage(REPO, destDir);
}
// the Flow Service simulation (Sim): e2e/lib/sim.js


// ------------------------------------------------------------------ example workflows
function readExample(name) {
	return JSON.parse(fs.readFileSync(path.join(REPO, 'examples', name), 'utf8'));
}

/** Node types of this package in the examples, checked so a renamed node cannot slip through. */
/** Whether `node` is the Adobe Experience Platform node set to this resource and operation. */
function isOperation(node, resource, operation) {
	return (
		node.type === `${PACKAGE_NAME}.adobeExperiencePlatform` &&
		node.parameters.resource === resource &&
		node.parameters.operation === operation
	);
}

function assertPackageNodeTypes(workflow) {
	for (const node of workflow.nodes) {
		if (node.type.startsWith('n8n-nodes-base.')) continue;
		assert.ok(node.type.startsWith(`${PACKAGE_NAME}.`), `${node.name}: unexpected node type ${node.type}`);
	}
}

/**
 * The dataset export pipeline as imported: credentials are left as the example names them (n8n
 * fills the slots on import from the credentials of those names), the dataset is the example's;
 * only Get Runs polls every second instead of every minute.
 */
function runnablePipeline() {
	const workflow = readExample('dataset-export-pipeline.json');
	assertPackageNodeTypes(workflow);
	workflow.nodes = workflow.nodes.map((node) => {
		if (!isOperation(node, 'run', 'getAll')) return node;
		return { ...node, parameters: { ...node.parameters, pollIntervalSeconds: 1, timeoutSeconds: 60 } };
	});
	return workflow;
}

/**
 * An n8n-nodes-base.httpRequest node that stands in for a node which cannot reach its service
 * here: same name, id and position, posting `body` (the original node's own expressions) as JSON.
 */
function httpStandIn(node, url, body) {
	return {
		id: node.id,
		name: node.name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: node.position,
		...(node.executeOnce ? { executeOnce: true } : {}),
		parameters: {
			method: 'POST',
			url,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: { parameters: Object.entries(body).map(([name, value]) => ({ name, value })) },
			options: {},
		},
	};
}

/**
 * An example with its Slack node replaced by a POST of the same channel and text (the Adobe
 * credential slots stay as the example names them).
 */
function withSlackStandIn(file, receiverUrl) {
	const workflow = readExample(file);
	assertPackageNodeTypes(workflow);
	const slack = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
	assert.ok(slack, 'the example has no Slack node');
	workflow.nodes = workflow.nodes.map((node) => {
		if (node === slack) {
			return httpStandIn(node, receiverUrl, { channel: slack.parameters.channelId.value, text: slack.parameters.text });
		}
		return node;
	});
	return { workflow, slack };
}

/** examples/failed-run-slack-alert.json with the Slack node replaced by a POST of the same text. */
function runnableAlert({ receiverUrl }) {
	return withSlackStandIn('failed-run-slack-alert.json', receiverUrl);
}

/** examples/daily-runs-digest.json as imported, the email replaced by a POST of the same subject and body. */
function runnableDigest({ receiverUrl }) {
	const workflow = readExample('daily-runs-digest.json');
	assertPackageNodeTypes(workflow);
	const email = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.emailSend');
	assert.ok(email, 'the example has no Send Email node');
	workflow.nodes = workflow.nodes.map((node) => {
		if (node === email) {
			const { fromEmail, toEmail, subject, html } = email.parameters;
			return httpStandIn(node, receiverUrl, { from: fromEmail, to: toEmail, subject, html });
		}
		return node;
	});
	return { workflow, email };
}

// ------------------------------------------------------------------ a local HTTP receiver
/** Records every request (method, path, headers, parsed JSON body). */
async function startReceiver() {
	const received = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			received.push({ method: req.method, path: req.url, headers: req.headers, text, json });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
			for (const w of waiters.splice(0)) w();
		});
	});
	await /** @type {Promise<void>} */ (new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve())));
	const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
	return {
		received,
		url: (p = '/') => `${base}${p}`,
		/** Requests to `p` so far. */
		at: (p) => received.filter((r) => r.path === p),
		close: () => /** @type {Promise<void>} */ (new Promise((resolve) => server.close(() => resolve()))),
	};
}

// ------------------------------------------------------------------ manual runs through the REST API
function loadFlatted() {
	return require(path.join(paths().n8nDir, 'node_modules', 'flatted'));
}

/**
 * Runs a workflow from `triggerName` in manual mode, as the editor's "Execute workflow" does
 * (POST /rest/workflows/:id/run), waits for it to finish and returns the execution, its `data`
 * parsed (IRun-like: { status, finished, data: { resultData } }, for N8n.nodeOutput) and the raw
 * REST answer as `raw`.
 */
async function runManually(n8n, workflowId, triggerName, { timeoutMs = 120_000 } = {}) {
	const started = await n8n.restData('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
	assert.ok(started && started.executionId, `manual run did not start: ${JSON.stringify(started)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const r = await n8n.rest('GET', `/rest/executions/${started.executionId}`);
		if (r.status === 200 && r.json && r.json.data) {
			const execution = r.json.data;
			if (execution.stoppedAt && !['new', 'running', 'waiting'].includes(execution.status)) {
				const data = typeof execution.data === 'string' ? loadFlatted().parse(execution.data) : execution.data;
				return { ...execution, data, raw: r.text };
			}
		}
		if (Date.now() > deadline) throw new Error(`execution ${started.executionId} not finished after ${timeoutMs} ms: ${r.status} ${r.text.slice(0, 500)}`);
		await sleep(250);
	}
}

// ------------------------------------------------------------------ secrets
/** Throws naming each secret (by its label, never its value) found in `text`. */
function assertNoSecrets(text, secrets, where) {
	const found = Object.entries(secrets)
		.filter(([, value]) => value && text.includes(value))
		.map(([label]) => label);
	assert.deepStrictEqual(found, [], `${where} contains: ${found.join(', ')}`);
}

/** A random value matching a pattern of [A-Za-z0-9/+] of length n (S3 secret access key shape). */
function randomKey(length, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+') {
	const bytes = crypto.randomBytes(length);
	let s = '';
	for (const b of bytes) s += alphabet[b % alphabet.length];
	return s;
}

module.exports = {
	AMAZON_S3_SPEC_ID,
	Checks,
	FatalCheck,
	PACKAGE_JSON,
	PACKAGE_NAME,
	REPO,
	Sim,
	assertNoSecrets,
	isOperation,
	packageTarball,
	randomKey,
	readExample,
	runManually,
	runnableAlert,
	runnableDigest,
	runnablePipeline,
	startReceiver,
	withSlackStandIn,
};
