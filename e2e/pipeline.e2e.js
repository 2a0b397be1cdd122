#!/usr/bin/env node
'use strict';
/**
 * Headless e2e: the package inside the REAL n8n (2.41.1, Node 24), as a user's n8n holds it.
 *
 *  1. Installs the `npm pack` tarball into $N8N_USER_FOLDER/.n8n/nodes, imports the Adobe credential
 *     (pointing at the local Flow Service simulation) and an Amazon S3 credential under the names the
 *     README gives, and six examples/ workflows as they are (n8n fills their credential slots by name);
 *     only Slack and SMTP, which cannot be reached here, become HTTP Request nodes posting the same
 *     expressions to a local receiver, and waits poll every second.
 *  2. `n8n execute --id` of the dataset export pipeline: every node's output, the finished run's
 *     summary, and the simulation's state.
 *  3. From their triggers in manual mode through `n8n start`'s REST API (as the editor's "Execute
 *     workflow"): the failed-run alert (names the dataflow and destination), the daily digest (as
 *     imported: nothing found, said so; then on the new dataflow), test-new-pipeline (Export Now and
 *     wait) and keep-dataset-exports-alive (extend, report; then nothing, said so).
 *  4. The failed-or-delayed alert published, polling every minute: one message on a new failed run,
 *     none on the next poll (real-time wait, 1-2.5 minutes).
 *  5. n8n asked IMS for one token in all, and no secret is in any CLI output, the server log, the
 *     executions' data or the messages.
 *
 * Run by e2e/test.sh (which installs, builds, packs and starts the simulation); alone:
 * `npm run build && node e2e/pipeline.e2e.js` (packs and starts a simulation itself).
 * Prints one line per check and `pipeline.e2e: N passed, N failed`; exits 1 on a failure.
 */
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const { N8n } = require('./lib/n8n');
const { Checks, Sim, assertNoSecrets, startReceiver } = require('./lib/aep');
const { cliRunChecks } = require('./pipeline/cli-run');
const { exampleChecks } = require('./pipeline/examples');
const { AEP_CREDENTIAL, S3_KEYS, SANDBOX } = require('./pipeline/workflows');

const checks = new Checks('pipeline.e2e');
const check = checks.check.bind(checks);

async function main() {
	const t0 = Date.now();
	const sim = await Sim.connect({ sandbox: SANDBOX });
	const n8n = await N8n.create({ logLevel: process.env.E2E_N8N_LOG_LEVEL });
	const receiver = await startReceiver();
	console.log(`# n8n run folder ${n8n.baseDir}, simulation ${sim.url} (sandbox ${SANDBOX}), receiver ${receiver.url()}`);
	/** Every text n8n produced or handed out, scanned for secrets at the end. */
	const outputs = [];
	const state = {};
	const imsRequests = async () => (await sim.allRequests()).filter((r) => r.method === 'POST' && r.path === '/ims/token/v3');
	try {
		state.imsBefore = (await imsRequests()).length;
		state.ownTokensBefore = sim.ownTokenRequests;
		const ctx = { check, n8n, sim, receiver, state, outputs };
		await cliRunChecks(ctx); // e2e/pipeline/cli-run.js
		await exampleChecks(ctx); // e2e/pipeline/examples.js

		await check('n8n fetched one IMS token for all executions (CLI and server) and kept it in the credential', async () => {
			const byN8n = (await imsRequests()).slice(state.imsBefore);
			const own = sim.ownTokenRequests - state.ownTokensBefore;
			assert.strictEqual(byN8n.length - own, 1, `n8n asked IMS ${byN8n.length - own} times`);
			assert.ok(byN8n.every((r) => r.status === 200), JSON.stringify(byN8n));
		});

		await check('no secret in CLI output, server log, execution data or messages', async () => {
			await n8n.stop();
			const exported = path.join(n8n.baseDir, 'inputs', 'exported-credentials.json');
			await n8n.cliOrThrow(['export:credentials', `--id=${AEP_CREDENTIAL.id}`, '--decrypted', `--output=${exported}`]);
			const [aep] = JSON.parse(fs.readFileSync(exported, 'utf8'));
			fs.rmSync(exported);
			// the token n8n fetched through preAuthentication and kept in the credential
			assert.ok(aep.data.accessToken && aep.data.accessToken.length >= 16, 'n8n stored no access token');
			const secrets = {
				'client secret': sim.clientSecret,
				'access token': aep.data.accessToken,
				'S3 secret access key': S3_KEYS.secretAccessKey,
			};
			const cliLog = fs.readFileSync(path.join(n8n.logsFolder, 'cli.log'), 'utf8');
			const texts = [
				...outputs,
				['cli.log (every n8n CLI command)', cliLog],
				['server.log', fs.readFileSync(/** @type {string} set by startServer() */ (n8n.serverLog), 'utf8')],
				['received messages', JSON.stringify(receiver.received.map((r) => r.json))],
			];
			for (const [where, text] of texts) assertNoSecrets(text, secrets, where);
			console.log(`#   scanned ${texts.length} texts, ${texts.reduce((n, [, t]) => n + t.length, 0)} characters`);
		});
	} catch (e) {
		checks.crashed(e);
	} finally {
		await n8n.stop().catch(() => {});
		await receiver.close();
		await sim.close();
		if (checks.failed) {
			console.log(`# server log tail:\n${n8n.serverLogTail(30)}`);
			process.env.E2E_KEEP = process.env.E2E_KEEP || '1';
		}
		n8n.cleanup();
	}
	console.log(`# total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	checks.finish();
}

main().catch((e) => {
	console.error(e);
	console.log('pipeline.e2e: 0 passed, 1 failed');
	process.exit(1);
});
