#!/usr/bin/env node
'use strict';
/**
 * The package in n8n's queue mode: real n8n 2.41.1, one main instance and two workers, Postgres and
 * Redis (started by e2e/queue/test.sh), the package from its `npm pack` tarball, the Flow Service
 * simulation as AEP. Through main's API:
 *  1. 50 calls of the dataset export pipeline's webhook, released together: every create node keeps
 *     "Reuse It" and the same names, so all 50 race to create the same four objects;
 *  2. 50 calls of a light Get Runs workflow;
 *  3. an active workflow with the Adobe Experience Platform Trigger, and two dataflow runs.
 * Checks: executions spread over both workers; each succeeded or failed with a clear error; the
 * simulation holds one of each named object; IMS token requests bounded (one per process at most)
 * and the token kept in the credential in Postgres; each run triggered one execution, polled by one
 * instance; no secret in any log. Prints the figures (`#` lines) and `queue: N passed, N failed`.
 */
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const { Checks, PACKAGE_NAME, Sim, assertNoSecrets, packageTarball, randomKey } = require('../lib/aep');
const { sleep } = require('../lib/n8n');
const { Cluster } = require('./cluster');
const { activate, burst, countBy, executionError, getExecutions, listExecutions, nodeItems, waitForExecutions, waitForWebhook } = require('./executions');
const { getRunsWorkflow, pipelineNames, pipelineWorkflow, triggerWorkflow } = require('./workflows');

const CALLS = Number(process.env.QUEUE_E2E_CALLS || 50);
const SANDBOX = 'e2e-queue';
const AEP_CREDENTIAL = { id: 'aepQueueCred0001', name: 'AEP (queue e2e)' };
const S3_CREDENTIAL = { id: 'aepQueueS3Cred01', name: 'Amazon S3 (queue e2e)' };
const S3_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: randomKey(40) };
const IDS = { pipeline: 'aepQueuePipeline', getRuns: 'aepQueueGetRuns1', trigger: 'aepQueueTrigger1' };
const HOOKS = { pipeline: 'aep-queue-pipeline', getRuns: 'aep-queue-get-runs' };

const checks = new Checks('queue');
const check = checks.check.bind(checks);
const figures = {};
const say = (line) => console.log(`#   ${line}`);

/** Asserts the executions ran on workers only, each on exactly one, and on every worker; returns the split. */
async function assertSpread(cluster, executionIds) {
	const byWorker = cluster.executionsByWorker();
	// main writes its "finished" line just after the execution is saved: give it a moment
	let workerIds = cluster.workerIdsFromMain();
	for (let i = 0; i < 50 && executionIds.some((id) => !workerIds.has(String(id))); i++) {
		await sleep(200);
		workerIds = cluster.workerIdsFromMain();
	}
	const split = cluster.workers.map(() => 0);
	for (const id of executionIds) {
		const workers = byWorker.get(String(id)) || [];
		assert.strictEqual(workers.length, 1, `execution ${id} started on ${workers.length} workers (${workers})`);
		split[workers[0]]++;
		// what main records: its "Execution <id> (job <n>) finished" log line names the worker
		if (cluster.unshare) assert.strictEqual(workerIds.get(String(id)), `worker-${cluster.hostNames[workers[0]]}`, `workerId main logged for execution ${id}`);
	}
	assert.ok(split.every((n) => n > 0), `executions per worker: ${split.join('/')}`);
	return split;
}

async function main() {
	const t0 = Date.now();
	const sim = await Sim.connect({ sandbox: SANDBOX });
	await sim.token(); // the test's own token first, so every later one is n8n's
	const cluster = await Cluster.create({ workers: 2 });
	const { main: n8n } = cluster;
	const state = {};
	const imsByN8n = async () =>
		(await sim.allRequests()).filter((r) => r.method === 'POST' && r.path === '/ims/token/v3').length - sim.ownTokenRequests;
	console.log(`# main ${n8n.baseDir}, workers ${cluster.workers.map((w) => w.baseDir).join(' ')}, simulation ${sim.url}`);
	console.log(`# worker host names ${cluster.unshare ? cluster.hostNames.join(', ') : '(unshare unavailable: one shared workerId)'}`);
	try {
		await check('install the npm pack tarball once, linked into every worker; import credentials and workflows into Postgres', async () => {
			const t = Date.now();
			const installed = await cluster.installPackage(await packageTarball(path.join(n8n.baseDir, 'pack')));
			assert.strictEqual(installed.name, PACKAGE_NAME);
			for (const w of cluster.workers) assert.ok(fs.existsSync(path.join(w.nodesFolder, 'node_modules', PACKAGE_NAME, 'dist')));
			await n8n.importCredentials([
				{ ...AEP_CREDENTIAL, type: 'aepPlatformApi', data: sim.credentialData() },
				{ ...S3_CREDENTIAL, type: 'aepAmazonS3AccessKeyApi', data: S3_KEYS },
			]);
			state.pipeline = pipelineWorkflow({ id: IDS.pipeline, webhookPath: HOOKS.pipeline, aepCredential: AEP_CREDENTIAL, s3Credential: S3_CREDENTIAL });
			await n8n.importWorkflows([state.pipeline, getRunsWorkflow({ id: IDS.getRuns, webhookPath: HOOKS.getRuns, aepCredential: AEP_CREDENTIAL })]);
			figures.setupMs = Date.now() - t;
		}, { fatal: true });

		await check('main (n8n start) and two workers (n8n worker) ready in queue mode; owner, login, both webhook workflows active', async () => {
			await cluster.start();
			say(`main ready in ${cluster.timings.mainReadyMs} ms, workers in ${cluster.timings.workersReadyMs} ms`);
			await n8n.setupOwner();
			await n8n.login();
			await activate(n8n, IDS.pipeline);
			await activate(n8n, IDS.getRuns);
			await waitForWebhook(n8n, HOOKS.pipeline);
			await waitForWebhook(n8n, HOOKS.getRuns);
		}, { fatal: true });

		state.tokensBefore = await imsByN8n();
		await check(`${CALLS} pipeline calls released together: all accepted, all ${CALLS} executions finish`, async () => {
			const t = Date.now();
			const { statuses, ms } = await burst(n8n, HOOKS.pipeline, CALLS);
			assert.deepStrictEqual(countBy(statuses), { 200: CALLS });
			say(`${CALLS} webhook calls answered in ${ms} ms`);
			const summaries = await waitForExecutions(n8n, IDS.pipeline, CALLS);
			assert.strictEqual(summaries.length, CALLS);
			state.pipelineExecutions = await getExecutions(n8n, summaries.map((e) => e.id));
			figures.pipelineMs = Date.now() - t;
			say(`all ${CALLS} finished ${figures.pipelineMs} ms after the first call; statuses ${JSON.stringify(countBy(summaries.map((e) => e.status)))}`);
		}, { fatal: true });
		state.tokensPipeline = (await imsByN8n()) - state.tokensBefore;

		await check('pipeline executions ran on the workers, each on one, spread over both', async () => {
			figures.pipelineSplit = await assertSpread(cluster, state.pipelineExecutions.map((e) => e.id));
			say(`executions per worker: ${figures.pipelineSplit.join(' / ')}`);
		});

		await check('every pipeline execution succeeded or failed with a clear error (node, message)', async () => {
			const outcomes = [];
			for (const e of state.pipelineExecutions) {
				const error = executionError(e);
				if (e.status === 'success' && !error) {
					outcomes.push('success');
					continue;
				}
				assert.ok(error, `execution ${e.id}: status ${e.status} without an error`);
				assert.ok(error.node, `execution ${e.id}: error names no node`);
				assert.ok(error.message.length > 10 && !/undefined|\[object Object\]/.test(error.message), `execution ${e.id}: unclear error "${error.message}"`);
				outcomes.push(`${error.node}: ${error.message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')}`);
			}
			figures.pipelineOutcomes = countBy(outcomes);
			for (const [outcome, n] of Object.entries(figures.pipelineOutcomes)) say(`${n} × ${outcome}`);
		});

		await check('the simulation holds exactly one of each named object the pipeline creates', async () => {
			const ok = state.pipelineExecutions.find((e) => nodeItems(e, 'AEP Dataset List').length === 1);
			assert.ok(ok, 'no execution listed the dataset');
			const names = pipelineNames(state.pipeline, nodeItems(ok, 'AEP Dataset List')[0].name);
			const log = await sim.requests();
			const counts = {};
			for (const [collection, name] of Object.entries(names)) {
				const body = await sim.flowService('GET', `/${collection}?property=${encodeURIComponent(`name==${name}`)}&limit=100`);
				const items = (body.items || []).filter((i) => i.name === name);
				const posts = log.filter((r) => r.method === 'POST' && r.path.endsWith(`/${collection}`)).length;
				const deletes = log.filter((r) => r.method === 'DELETE' && r.path.includes(`/${collection}/`)).length;
				counts[collection] = { name, held: items.length, posts, deletes };
				if (items.length) state[`oldest_${collection}`] = items.sort((a, b) => a.createdAt - b.createdAt)[0].id;
			}
			figures.objects = counts;
			for (const [c, v] of Object.entries(counts)) say(`${c} "${v.name}": ${v.held} held, ${v.posts} POST, ${v.deletes} DELETE`);
			const distinct = {};
			for (const node of ['AEP Create Source Connection', 'AEP Create Base Connection', 'AEP Create Target Connection', 'AEP Create Dataflow']) {
				distinct[node] = new Set(state.pipelineExecutions.flatMap((e) => nodeItems(e, node).map((i) => i.id))).size;
			}
			say(`distinct IDs output across executions: ${JSON.stringify(distinct)}`);
			for (const [c, v] of Object.entries(counts)) assert.strictEqual(v.held, 1, `${c} "${v.name}": ${v.held} held`);
		});

		state.flowId = state.oldest_flows;
		await check(`${CALLS} Get Runs calls released together: all succeed, spread over both workers`, async () => {
			assert.ok(state.flowId, 'the pipeline created no dataflow');
			const t = Date.now();
			const before = state.tokensBefore + state.tokensPipeline;
			const { statuses } = await burst(n8n, HOOKS.getRuns, CALLS, { flowId: state.flowId });
			assert.deepStrictEqual(countBy(statuses), { 200: CALLS });
			const summaries = await waitForExecutions(n8n, IDS.getRuns, CALLS);
			figures.getRunsMs = Date.now() - t;
			const executions = await getExecutions(n8n, summaries.map((e) => e.id));
			state.getRunsExecutions = executions;
			state.tokensGetRuns = (await imsByN8n()) - before;
			const failed = executions.filter((e) => e.status !== 'success').map((e) => `${e.id}: ${JSON.stringify(executionError(e))}`);
			assert.deepStrictEqual(failed, []);
			for (const e of executions) assert.ok(nodeItems(e, 'AEP Get Runs').length > 0, `execution ${e.id} output no run`);
			figures.getRunsSplit = await assertSpread(cluster, executions.map((e) => e.id));
			say(`finished in ${figures.getRunsMs} ms; executions per worker: ${figures.getRunsSplit.join(' / ')}`);
		});

		await check('IMS token requests bounded: at most one per worker process, and the token kept in the credential (Postgres)', async () => {
			figures.tokens = { pipeline: state.tokensPipeline, getRuns: state.tokensGetRuns };
			say(`IMS token requests by n8n: ${state.tokensPipeline} in the pipeline burst, ${state.tokensGetRuns} in the Get Runs burst`);
			const exported = path.join(n8n.baseDir, 'inputs', 'exported-credentials.json');
			await n8n.cliOrThrow(['export:credentials', `--id=${AEP_CREDENTIAL.id}`, '--decrypted', `--output=${exported}`]);
			const [aep] = JSON.parse(fs.readFileSync(exported, 'utf8'));
			fs.rmSync(exported);
			state.accessToken = aep.data.accessToken;
			assert.ok(state.accessToken && state.accessToken.length >= 16, 'no access token stored in the credential');
			assert.strictEqual(state.tokensGetRuns, 0, 'the Get Runs burst fetched tokens although the credential holds one');
			assert.ok(state.tokensPipeline >= 1 && state.tokensPipeline <= cluster.workers.length, `${state.tokensPipeline} token requests for one credential`);
		});

		await check(`after every token expired: ${CALLS} Get Runs calls released together all succeed, token requests at most one per worker`, async () => {
			const known = new Set(state.getRunsExecutions.map((e) => String(e.id)));
			await sim.admin('POST', '/faults/expire-tokens');
			const before = await imsByN8n();
			const { statuses } = await burst(n8n, HOOKS.getRuns, CALLS, { flowId: state.flowId });
			assert.deepStrictEqual(countBy(statuses), { 200: CALLS });
			const summaries = (await waitForExecutions(n8n, IDS.getRuns, 2 * CALLS)).filter((e) => !known.has(String(e.id)));
			const executions = await getExecutions(n8n, summaries.map((e) => e.id));
			const tokens = (await imsByN8n()) - before;
			// a refused token is answered before the sandbox is read: look at the whole log
			const unauthorized = (await sim.allRequests()).filter((r) => r.status === 401).length;
			figures.tokens.afterExpiry = tokens;
			figures.unauthorizedAfterExpiry = unauthorized;
			say(`after expiry: ${tokens} IMS token requests, ${unauthorized} requests answered 401 (each refreshed and retried once by n8n)`);
			const failed = executions.filter((e) => e.status !== 'success').map((e) => `${e.id}: ${JSON.stringify(executionError(e))}`);
			assert.deepStrictEqual(failed, []);
			assert.strictEqual(executions.length, CALLS);
			assert.ok(tokens >= 1 && tokens <= cluster.workers.length, `${tokens} token requests after expiry`);
		});

		await check('trigger: active on main, each new run starts one execution (on a worker), polled by one instance', async () => {
			const t = Date.now();
			await n8n.restData('POST', '/rest/workflows', triggerWorkflow({ id: IDS.trigger, flowId: state.flowId, aepCredential: AEP_CREDENTIAL }));
			// the trigger's run listings: the only ones filtered by start time (Get Runs here lists the newest 5)
			const runsPath = (r) =>
				r.method === 'GET' && /\/flowservice\/runs$/.test(r.path) && JSON.stringify(r.query || {}).includes('startedAtUTC>');
			const pollsBefore = (await sim.requests()).filter(runsPath).length;
			const activatedAt = Date.now();
			// Activation polls once (the baseline: runs that exist then are never emitted). In queue mode
			// the API answers before that poll, so wait for it in the simulation's log first.
			await activate(n8n, IDS.trigger);
			const baselineBy = Date.now() + 60_000;
			while ((await sim.requests()).filter(runsPath).length === pollsBefore) {
				if (Date.now() > baselineBy) throw new Error('the trigger did not poll within 60 s of its activation');
				await sleep(200);
			}
			const added = [];
			const waitForRun = async (runId) => {
				const deadline = Date.now() + 150_000;
				for (;;) {
					const list = await listExecutions(n8n, IDS.trigger);
					const done = list.filter((e) => e.stoppedAt);
					const full = await getExecutions(n8n, done.map((e) => e.id));
					if (full.some((e) => nodeItems(e, 'AEP Run Finished').some((i) => i.runId === runId))) return full;
					if (Date.now() > deadline) {
						const polls = (await sim.requests()).filter(runsPath).map((r) => `${new Date(r.time).toISOString()} ${r.status} ${JSON.stringify(r.query)}`);
						throw new Error(`run ${runId} triggered nothing in 150 s (${list.length} executions); run listings:\n${polls.join('\n')}`);
					}
					await sleep(2000);
				}
			};
			added.push((await sim.addRun(state.flowId, { status: 'failed' })).id);
			await waitForRun(added[0]);
			added.push((await sim.addRun(state.flowId, { status: 'success' })).id);
			const executions = await waitForRun(added[1]);
			const polls = (await sim.requests()).filter(runsPath).length - pollsBefore;
			const minutes = (Date.now() - activatedAt) / 60_000;
			const emitted = executions.flatMap((e) => nodeItems(e, 'AEP Run Finished').map((i) => i.runId));
			figures.trigger = { executions: executions.length, emitted: countBy(emitted), polls, minutes: Number(minutes.toFixed(2)), ms: Date.now() - t };
			say(`trigger: ${executions.length} executions, runs emitted ${JSON.stringify(figures.trigger.emitted)}, ${polls} polls in ${minutes.toFixed(1)} min`);
			for (const id of added) assert.strictEqual(emitted.filter((r) => r === id).length, 1, `run ${id} emitted ${emitted.filter((r) => r === id).length} times`);
			assert.strictEqual(new Set(emitted).size, emitted.length, `a run was emitted twice: ${emitted}`);
			assert.ok(executions.every((e) => e.mode === 'trigger' && e.status === 'success'), JSON.stringify(executions.map((e) => [e.mode, e.status])));
			const onWorkers = cluster.executionsByWorker();
			for (const e of executions) assert.strictEqual((onWorkers.get(String(e.id)) || []).length, 1, `trigger execution ${e.id} not run by exactly one worker`);
			// one poller: once at activation, then once a minute (n8n's shortest polling interval)
			assert.ok(polls <= Math.ceil(minutes) + 2, `${polls} polls in ${minutes.toFixed(1)} minutes: more than one instance polls`);
		});

		await check('no secret (client secret, access token, S3 secret key) in the logs of main and workers', async () => {
			const secrets = { 'client secret': sim.clientSecret, 'access token': state.accessToken, 'S3 secret access key': S3_KEYS.secretAccessKey };
			for (const p of cluster.all) {
				assertNoSecrets(fs.readFileSync(p.serverLog, 'utf8'), secrets, p.serverLog);
				const cli = path.join(p.logsFolder, 'cli.log');
				if (fs.existsSync(cli)) assertNoSecrets(fs.readFileSync(cli, 'utf8'), secrets, cli);
			}
		});
	} catch (e) {
		checks.crashed(e);
	} finally {
		const t = Date.now();
		await cluster.stop();
		figures.stopMs = Date.now() - t;
		await sim.close();
		if (checks.failed) {
			for (const p of cluster.all) {
				const lines = fs.existsSync(p.serverLog) ? fs.readFileSync(p.serverLog, 'utf8').split('\n').filter((l) => l.trim()) : [];
				console.log(`# log tail ${p.serverLog}:\n${lines.slice(-12).map((l) => l.slice(0, 400)).join('\n')}`);
			}
			if (process.env.E2E_KEEP) console.log('# E2E_KEEP set: run folders kept');
		}
		cluster.cleanup();
	}
	console.log(`# figures ${JSON.stringify(figures)}`);
	console.log(`# total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	checks.finish();
}

main().catch((e) => {
	console.error(e);
	console.log('queue: 0 passed, 1 failed');
	process.exit(1);
});
