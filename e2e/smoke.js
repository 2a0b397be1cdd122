#!/usr/bin/env node
'use strict';
/**
 * Smoke check of the e2e infrastructure against the REAL n8n (run e2e/install-n8n.sh first).
 *
 *   node e2e/smoke.js             built-in workflow, REST login, dummy community package
 *   node e2e/smoke.js --project   also `npm pack` /work/main (must be built: npm run build) and
 *                                 check that n8n loads its nodes and credential
 *
 * Prints one line per check and a closing "N passed, N failed" line; exits 1 on any failure.
 */
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const { N8n, packPackage } = require('./lib/n8n');
const { buildDummyPackage } = require('./lib/dummy-package');

const WITH_PROJECT = process.argv.includes('--project') || process.env.E2E_PROJECT === '1';
const REPO = process.env.E2E_PROJECT_DIR || path.resolve(__dirname, '..');

const results = [];
const timings = {};
async function check(name, fn) {
	const t0 = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		console.log(`ok   ${name} (${Date.now() - t0} ms)`);
	} catch (e) {
		results.push({ name, ok: false });
		console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e && e.stack ? e.stack : e).split('\n').join('\n     ')}`);
	}
}

async function main() {
	const t0 = Date.now();
	const n8n = await N8n.create();
	console.log(`# n8n run folder: ${n8n.baseDir}`);
	let dummy;
	let projectPkg;
	try {
		// ------------------------------------------------------------ packages (before any n8n process)
		await check('build + install dummy community package tarball', async () => {
			dummy = await buildDummyPackage();
			const t = Date.now();
			const installed = await n8n.installPackage(dummy.tgz);
			timings.installPackageMs = Date.now() - t;
			assert.strictEqual(installed.name, dummy.packageName);
			assert.ok(fs.existsSync(path.join(installed.dir, 'dist/nodes/E2eDummy/E2eDummy.node.js')));
			assert.ok(!fs.existsSync(path.join(n8n.nodesFolder, 'node_modules', 'n8n-workflow')), 'peer dep must not be installed');
		});

		if (WITH_PROJECT) {
			await check('npm pack + install this package (/work/main)', async () => {
				const pj = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
				for (const f of [...pj.n8n.nodes, ...pj.n8n.credentials]) {
					assert.ok(fs.existsSync(path.join(REPO, f)), `${f} missing: run npm run build first`);
				}
				const tgz = await packPackage(REPO, path.join(n8n.baseDir, 'pack'));
				projectPkg = { ...(await n8n.installPackage(tgz)), pj };
				assert.strictEqual(projectPkg.name, pj.name);
			});
		}

		// ------------------------------------------------------------ headless CLI
		await check('import:workflow + execute --id (Manual Trigger -> Set -> Code)', async () => {
			let t = Date.now();
			const id = await n8n.importWorkflow(path.join(__dirname, 'fixtures', 'smoke-builtin.workflow.json'));
			timings.importWorkflowMs = Date.now() - t;
			t = Date.now();
			const r = await n8n.executeWorkflow(id);
			timings.executeMs = Date.now() - t;
			assert.strictEqual(r.code, 0, `exit ${r.code}: ${r.error}\n${r.stdout.slice(-2000)}`);
			const out = N8n.nodeOutput(r.run, 'Code');
			assert.deepStrictEqual(out, [{ greeting: 'hello from n8n', answer: 42, doubled: 84, runtime: 'task-runner' }]);
			assert.strictEqual(r.run.status, 'success');
		});

		let failingId;
		let secondId;
		await check('importWorkflows (one CLI call) + execute of a failing workflow exits 1 with the error', async () => {
			const wf = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'smoke-builtin.workflow.json'), 'utf8'));
			delete wf.id;
			wf.nodes.find((n) => n.name === 'Code').parameters.jsCode = "throw new Error('e2e-boom')";
			// importWorkflows: several files with one CLI call (second one proves --separate works)
			[failingId, secondId] = await n8n.importWorkflows([wf, { ...wf, name: 'second', nodes: wf.nodes.slice(0, 2), connections: { 'Manual Trigger': wf.connections['Manual Trigger'] } }]);
			assert.ok(secondId);
			const r = await n8n.executeWorkflow(failingId);
			assert.strictEqual(r.code, 1);
			assert.match(String(r.error), /e2e-boom/);
		});

		let credential;
		await check('import:credentials of the community credential type (n8n encrypts plain data)', async () => {
			credential = { id: 'e2eDummyCred0001', name: 'E2E dummy credential', type: dummy.credentialType };
			await n8n.importCredentials({ ...credential, data: { apiKey: 'secret-e2e-value' } });
			const out = path.join(n8n.baseDir, 'cred-out.json');
			const r = await n8n.cli(['export:credentials', `--id=${credential.id}`, '--decrypted', `--output=${out}`]);
			assert.strictEqual(r.code, 0, r.stderr || r.stdout);
			const [exported] = JSON.parse(fs.readFileSync(out, 'utf8'));
			assert.deepStrictEqual(exported.data, { apiKey: 'secret-e2e-value' });
			const r2 = await n8n.cli(['export:credentials', `--id=${credential.id}`, `--output=${out}`]);
			assert.strictEqual(r2.code, 0, r2.stderr || r2.stdout);
			const [stored] = JSON.parse(fs.readFileSync(out, 'utf8'));
			assert.strictEqual(typeof stored.data, 'string', 'stored credential data should be an encrypted string');
			assert.ok(!stored.data.includes('secret-e2e-value'));
			fs.rmSync(out);
		});

		await check(`execute a workflow using the community node (${dummy && dummy.nodeType})`, async () => {
			assert.ok(dummy, 'dummy package not built');
			const id = await n8n.importWorkflow({
				name: 'E2E smoke: community node',
				nodes: [
					{ id: 'c1', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'c2',
						name: 'Dummy',
						type: dummy.nodeType,
						typeVersion: 1,
						position: [220, 0],
						parameters: { greeting: 'hi', mode: 'loud', destination: 's3' },
						credentials: { [dummy.credentialType]: { id: credential.id, name: credential.name } },
					},
				],
				connections: { 'Manual Trigger': { main: [[{ node: 'Dummy', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			});
			const r = await n8n.executeWorkflow(id);
			assert.strictEqual(r.code, 0, `exit ${r.code}: ${r.error}\n${r.stdout.slice(-2000)}`);
			assert.deepStrictEqual(N8n.nodeOutput(r.run, 'Dummy'), [
				{ greeting: 'HI', destination: 's3', fromDummyPackage: true, apiKeyLength: 16 },
			]);
		});

		// ------------------------------------------------------------ server + REST
		await check('n8n start -> /healthz/readiness', async () => {
			await n8n.startServer();
			timings.serverReadyMs = n8n.timings.serverReadyMs;
		});

		await check('owner setup + login (cookie) + authenticated REST call', async () => {
			const unauth = await n8n.rest('GET', '/rest/credentials');
			assert.strictEqual(unauth.status, 401, `unauthenticated call gave ${unauth.status}`);
			await n8n.setupOwner();
			await n8n.login();
			const me = await n8n.restData('GET', '/rest/login');
			assert.strictEqual(me.email, n8n.owner.email);
			const creds = await n8n.restData('GET', '/rest/credentials');
			assert.ok(creds.some((c) => c.id === credential.id), 'imported credential not listed');
			const workflows = await n8n.restData('GET', '/rest/workflows');
			for (const id of [failingId, secondId]) assert.ok(workflows.some((w) => w.id === id), `workflow ${id} not listed`);
		});

		await check('POST /rest/dynamic-node-parameters/options runs the community node loadOptions', async () => {
			const options = await n8n.loadOptions({
				nodeType: dummy.nodeType,
				methodName: 'getDestinations',
				path: 'destination',
				credentials: { [dummy.credentialType]: { id: credential.id, name: credential.name } },
			});
			assert.deepStrictEqual(
				options.map((o) => o.name),
				['Amazon S3', 'Azure Blob Storage', 'SFTP'],
			);
		});

		await check('server lists the community node type', async () => {
			const types = await n8n.nodeTypes();
			assert.ok(types.some((t) => t.name === dummy.nodeType), `${dummy.nodeType} not in /types/nodes.json`);
		});

		if (WITH_PROJECT) {
			await check('server lists every node and credential of this package', async () => {
				assert.ok(projectPkg, 'project package not installed');
				const types = (await n8n.nodeTypes()).map((t) => t.name);
				const expectedNodes = projectPkg.pj.n8n.nodes.map((f) => {
					const cls = path.basename(f).replace(/\.node\.js$/, '');
					return `${projectPkg.name}.${cls.charAt(0).toLowerCase()}${cls.slice(1)}`;
				});
				for (const t of expectedNodes) assert.ok(types.includes(t), `${t} not loaded (have ${types.filter((x) => x.startsWith(projectPkg.name))})`);
				const credTypes = (await n8n.rest('GET', '/types/credentials.json')).json.map((c) => c.name);
				assert.ok(credTypes.includes('aepPlatformApi'), 'aepPlatformApi not loaded');
			});
		}
	} finally {
		await n8n.stop();
		if (dummy) dummy.cleanup();
		if (results.some((r) => !r.ok)) {
			console.log(`# server log tail:\n${n8n.serverLogTail(40)}`);
			process.env.E2E_KEEP = process.env.E2E_KEEP || '1';
		}
		n8n.cleanup();
	}
	timings.totalMs = Date.now() - t0;
	console.log(`# timings: ${JSON.stringify(timings)}`);
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
