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
const {
	AMAZON_S3_SPEC_ID,
	Checks,
	PACKAGE_NAME,
	Sim,
	assertNoSecrets,
	isOperation,
	packageTarball,
	randomKey,
	runManually,
	runnableAlert,
	runnableDigest,
	runnablePipeline,
	startReceiver,
	withSlackStandIn,
} = require('./lib/aep');

const SANDBOX = 'e2e-pipeline';
/** Named as the README tells users to name them: the examples' credential slots are filled from these on import. */
const AEP_CREDENTIAL = { id: 'aepSimCredential', name: 'Adobe Experience Platform (AEP) API account' };
const S3_CREDENTIAL = { id: 'aepS3Credential1', name: 'Amazon S3 Access Key for Adobe Experience Platform (AEP) API account' };
const S3_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: randomKey(40) };
const IDS = {
	pipeline: 'aepE2ePipeline01',
	alert: 'aepE2eAlert00001',
	digest: 'aepE2eDigest0001',
	testPipeline: 'aepE2eTestPipe01',
	keepAlive: 'aepE2eKeepAlive1',
	liveAlert: 'aepE2eLiveAlert1',
};

const checks = new Checks('pipeline.e2e');
const check = checks.check.bind(checks);

/** examples/test-new-pipeline.json with Slack replaced by a POST, and Export Now checking every second. */
function runnableTestPipeline(receiverUrl) {
	const { workflow } = withSlackStandIn('test-new-pipeline.json', receiverUrl);
	for (const node of workflow.nodes) {
		if (isOperation(node, 'dataflow', 'exportNow')) node.parameters.options = { ...node.parameters.options, pollIntervalSeconds: 1, timeoutSeconds: 120 };
	}
	return workflow;
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `probe` every second until it returns something truthy (returned), or throws naming `what` after `timeoutMs`.
 * @template T
 * @param {() => T | Promise<T>} probe
 * @param {string} what
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
async function waitFor(probe, what, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
		await sleep(1000);
	}
}

/**
 * examples/aep-failed-or-delayed-run-slack.json with Slack replaced by a POST, polling every
 * minute: the shortest n8n allows (it refuses a poll time whose seconds field is not one number).
 */
function runnableLiveAlert(receiverUrl) {
	const { workflow } = withSlackStandIn('aep-failed-or-delayed-run-slack.json', receiverUrl);
	const trigger = workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.adobeExperiencePlatformTrigger`);
	assert.ok(trigger, 'the example has no trigger');
	trigger.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	return workflow;
}

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
		await check(
			'install the npm pack tarball into the n8n user folder, import credentials (README names) and 6 examples',
			async () => {
				const tgz = await packageTarball(path.join(n8n.baseDir, 'pack'));
				const installed = await n8n.installPackage(tgz);
				assert.strictEqual(installed.name, PACKAGE_NAME);
				assert.ok(fs.existsSync(path.join(installed.dir, 'dist', 'nodes')), 'dist/nodes missing in the installed package');
				await n8n.importCredentials([
					{ ...AEP_CREDENTIAL, type: 'aepPlatformApi', data: sim.credentialData() },
					{ ...S3_CREDENTIAL, type: 'aepAmazonS3AccessKeyApi', data: S3_KEYS },
				]);
				const alert = runnableAlert({ receiverUrl: receiver.url('/slack') });
				state.slackText = alert.slack.parameters.text;
				const digest = runnableDigest({ receiverUrl: receiver.url('/email') });
				state.digestWorkflow = digest.workflow;
				state.emailParameters = digest.email.parameters;
				const ids = await n8n.importWorkflows([
					{ ...runnablePipeline(), id: IDS.pipeline },
					{ ...alert.workflow, id: IDS.alert },
					{ ...digest.workflow, id: IDS.digest },
					{ ...runnableTestPipeline(receiver.url('/slack-test')), id: IDS.testPipeline },
					{ ...withSlackStandIn('keep-dataset-exports-alive.json', receiver.url('/slack-keep')).workflow, id: IDS.keepAlive },
					{ ...runnableLiveAlert(receiver.url('/slack-live')), id: IDS.liveAlert },
				]);
				assert.deepStrictEqual(ids, [IDS.pipeline, IDS.alert, IDS.digest, IDS.testPipeline, IDS.keepAlive, IDS.liveAlert]);
			},
			{ fatal: true },
		);

		await check(
			'n8n execute --id: examples/dataset-export-pipeline.json runs to the end',
			async () => {
				const r = await n8n.executeWorkflow(IDS.pipeline);
				outputs.push(['n8n execute (pipeline) stdout', r.stdout], ['n8n execute (pipeline) stderr', r.stderr]);
				console.log(`#   n8n execute took ${r.ms} ms, exit ${r.code}`);
				assert.strictEqual(r.error, null, `execution failed: ${r.error}\n${r.stderr.slice(-3000)}`);
				assert.strictEqual(r.code, 0);
				assert.ok(r.run && r.run.finished === true && r.run.status === 'success', `run status ${r.run && r.run.status}`);
				state.run = r.run;
			},
			{ fatal: true },
		);

		const out = (name) => N8n.nodeOutput(state.run, name);

		await check('every node ran once with one item, in order', async () => {
			const expected = [
				'Run Pipeline',
				'AEP Dataset List',
				'AEP Create Source Connection',
				'AEP Create Base Connection',
				'AEP Create Target Connection',
				'AEP Create Dataflow',
				'AEP Get Runs',
			];
			const runData = state.run.data.resultData.runData;
			assert.deepStrictEqual(Object.keys(runData).sort(), [...expected].sort());
			const order = expected.slice().sort((a, b) => runData[a][0].startTime - runData[b][0].startTime);
			assert.deepStrictEqual(order, expected);
			for (const name of expected) {
				assert.strictEqual(runData[name].length, 1, `${name} ran ${runData[name].length} times`);
				assert.strictEqual(out(name).length, 1, `${name} put ${out(name).length} items out`);
			}
		});

		await check('AEP Dataset List found the dataset; the source connection exports it', async () => {
			const [dataset] = out('AEP Dataset List');
			assert.match(dataset.name, /AAM Devices Data/);
			const [source] = out('AEP Create Source Connection');
			assert.match(source.id, /^[0-9a-f-]{36}$/);
			assert.strictEqual(source.name, `Export of ${dataset.name}`);
			state.dataset = dataset;
			state.sourceId = source.id;
		});

		await check('base, target connection and dataflow IDs chain through the workflow', async () => {
			const [base] = out('AEP Create Base Connection');
			const [target] = out('AEP Create Target Connection');
			const [flow] = out('AEP Create Dataflow');
			for (const [what, item] of Object.entries({ base, target, flow })) assert.match(item.id, /^[0-9a-f-]{36}$/, `${what} id`);
			assert.strictEqual(target.baseConnectionId, base.id);
			assert.strictEqual(target.destination, 'Amazon S3');
			assert.deepStrictEqual(target.params, {
				mode: 'Server-to-server',
				bucketName: 'my-aep-exports',
				path: 'datasets',
				datasetFileType: 'PARQUET',
				compression: 'GZIP',
			});
			Object.assign(state, { baseId: base.id, targetId: target.id, flowId: flow.id });
		});

		await check('AEP Get Runs waited for the new dataflow run: finished, success, with the summary fields', async () => {
			const [run] = out('AEP Get Runs');
			assert.strictEqual(run.flowId, state.flowId);
			assert.strictEqual(run.status, 'success');
			assert.strictEqual(run.finished, true);
			assert.strictEqual(run.sandboxName, SANDBOX);
			assert.match(run.runId, /^[0-9a-f-]{36}$/);
			for (const key of ['startedAt', 'completedAt']) assert.ok(!Number.isNaN(Date.parse(run[key])), `${key}: ${run[key]}`);
			assert.ok(Date.parse(run.completedAt) > Date.parse(run.startedAt));
			assert.strictEqual(run.durationMs, Date.parse(run.completedAt) - Date.parse(run.startedAt));
			assert.match(run.duration, /^(\d+h )?(\d+m )?\d+s$/);
			for (const key of ['recordsRead', 'recordsWritten', 'recordsSkipped', 'bytesRead', 'bytesWritten', 'filesWritten']) {
				assert.strictEqual(typeof run[key], 'number', `${key}: ${run[key]}`);
			}
			assert.ok(run.recordsWritten > 0 && run.recordsWritten <= run.recordsRead);
			assert.deepStrictEqual([run.errorSummary, run.errorCodes, run.errorMessages], [null, [], []]);
			state.pipelineRunId = run.runId;
		});

		await check('the simulation holds the source, base, target connection and the dataflow as created', async () => {
			const source = await sim.entity('sourceConnections', state.sourceId);
			assert.deepStrictEqual(
				source.params.datasets.map((d) => d.dataSetId),
				[state.dataset.id],
			);
			const base = await sim.entity('connections', state.baseId);
			assert.strictEqual(base.connectionSpec.id, AMAZON_S3_SPEC_ID);
			assert.strictEqual(base.name, 'Amazon S3 dataset exports');
			assert.strictEqual(base.auth.specName, 'Access Key');
			assert.strictEqual(base.auth.params.s3AccessKey, S3_KEYS.accessKeyId);
			assert.strictEqual(base.auth.params.s3SecretKey, '********', 'the simulation masks the secret it received');
			const target = await sim.entity('targetConnections', state.targetId);
			assert.strictEqual(target.baseConnectionId, state.baseId);
			assert.strictEqual(target.connectionSpec.id, AMAZON_S3_SPEC_ID);
			assert.deepStrictEqual(target.params, {
				mode: 'Server-to-server',
				bucketName: 'my-aep-exports',
				path: 'datasets',
				datasetFileType: 'PARQUET',
				compression: 'GZIP',
			});
			const flow = await sim.entity('flows', state.flowId);
			assert.deepStrictEqual(flow.sourceConnectionIds, [state.sourceId]);
			assert.deepStrictEqual(flow.targetConnectionIds, [state.targetId]);
			assert.strictEqual(flow.name, `Export of ${state.dataset.name}`);
			assert.strictEqual(flow.state, 'enabled');
			const run = await sim.entity('runs', state.pipelineRunId);
			assert.strictEqual(run.flowId, state.flowId);
			assert.strictEqual(run.metrics.statusSummary.status, 'success');
		});

		await check('one POST per created entity in the simulation request log (no retried create)', async () => {
			const posts = (await sim.requests())
				.filter((r) => r.method === 'POST')
				.map((r) => r.path.replace(/^\/data\/foundation\/flowservice/, ''));
			assert.deepStrictEqual(posts.sort(), ['/connections', '/flows', '/sourceConnections', '/targetConnections']);
		});

		await check('n8n execute cannot start the alert workflow (polling trigger): why the REST manual run is used', async () => {
			const r = await n8n.executeWorkflow(IDS.alert);
			outputs.push(['n8n execute (alert) stdout', r.stdout], ['n8n execute (alert) stderr', r.stderr]);
			assert.notStrictEqual(r.code, 0);
			assert.match(`${r.stdout}\n${r.stderr}`, /Missing node to start execution/);
			assert.strictEqual(receiver.received.length, 0);
		});

		await check('n8n start, owner setup and login', async () => {
			await n8n.startServer();
			console.log(`#   server ready in ${n8n.timings.serverReadyMs} ms`);
			await n8n.setupOwner();
			await n8n.login();
		}, { fatal: true });

		await check('failed-run alert: trigger sample of the newest failed run posts the Slack text naming it and its error', async () => {
			const failed = await sim.addRun(state.flowId, { status: 'failed' });
			assert.strictEqual(failed.metrics.statusSummary.status, 'failed');
			const errors = failed.metrics.statusSummary.errors;
			assert.ok(errors && errors.length > 0, 'the simulation gave the failed run no error');
			const execution = await runManually(n8n, IDS.alert, 'AEP Dataflow Run Trigger');
			outputs.push(['alert execution (REST)', execution.raw]);
			assert.strictEqual(execution.status, 'success', JSON.stringify(execution.data.resultData.error));
			const [sample] = N8n.nodeOutput(execution, 'AEP Dataflow Run Trigger');
			assert.strictEqual(sample.runId, failed.id);
			const messages = receiver.at('/slack');
			assert.strictEqual(messages.length, 1, `${messages.length} messages`);
			const { json } = messages[0];
			assert.strictEqual(json.channel, '#aep-alerts');
			const lines = json.text.split('\n');
			const errorSummary = errors.map((e) => `${e.code}: ${e.message}`).join('; ');
			const started = new Date(failed.metrics.durationSummary.startedAtUTC).toISOString();
			assert.deepStrictEqual(lines.slice(0, 4), [
				`:rotating_light: *AEP dataflow run failed* in sandbox \`${SANDBOX}\``,
				`*Dataflow:* Export of ${state.dataset.name} (${state.flowId})`,
				'*Destination:* Amazon S3',
				`*Run:* ${failed.id}`,
			]);
			assert.match(lines[4], new RegExp(`^\\*Started:\\* ${started.replace(/\./g, '\\.')} · \\*Duration:\\* (\\d+m )?\\d+s$`));
			assert.match(lines[5], /^\*Records:\* read \d+, written 0, failed \d+$/);
			assert.strictEqual(lines[6], `*Errors:* ${errorSummary}`);
			assert.match(errorSummary, /ACTIVATION_BATCH-0000-FAILED: Job aborted\./);
			assert.ok(!/undefined|\{\{/.test(json.text), json.text);
			state.failedRun = failed;
		});

		await check('the imported examples\' credential slots hold the credentials of the README\'s names', async () => {
			for (const id of Object.values(IDS)) {
				const workflow = await n8n.restData('GET', `/rest/workflows/${id}`);
				for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`))) {
					assert.deepStrictEqual(node.credentials.aepPlatformApi, AEP_CREDENTIAL, `${id} / ${node.name}`);
					if (node.credentials.aepAmazonS3AccessKeyApi) assert.deepStrictEqual(node.credentials.aepAmazonS3AccessKeyApi, S3_CREDENTIAL);
				}
			}
		});

		await check('daily digest as imported (Adobe\'s tutorial dataflow, not in the simulation): the email says None, Get Runs a hint', async () => {
			const execution = await runManually(n8n, IDS.digest, 'Every Morning');
			outputs.push(['digest execution as imported (REST)', execution.raw]);
			assert.strictEqual(execution.status, 'success', JSON.stringify(execution.data.resultData.error));
			const [getRuns] = execution.data.resultData.runData['AEP Get Runs'];
			const hints = (getRuns.hints || []).map((h) => h.message).join(' | ');
			assert.match(hints, /does not exist in this sandbox/, hints);
			const mails = receiver.at('/email');
			assert.strictEqual(mails.length, 1, `${mails.length} mails`);
			assert.strictEqual(mails[0].json.subject, 'AEP runs, last 24 h: 0 succeeded, 0 failed or partial');
			assert.strictEqual((mails[0].json.html.match(/<li>None<\/li>/g) || []).length, 2, mails[0].json.html);
		});

		await check('daily digest: runs of the last 24 h of the new dataflow, emailed (stand-in) with the failed run', async () => {
			const workflow = state.digestWorkflow;
			const getRuns = workflow.nodes.find((n) => isOperation(n, 'run', 'getAll'));
			getRuns.parameters.dataflow.value = state.flowId;
			getRuns.credentials = { aepPlatformApi: AEP_CREDENTIAL };
			const updated = await n8n.restData('GET', `/rest/workflows/${IDS.digest}`);
			await n8n.restData('PATCH', `/rest/workflows/${IDS.digest}`, {
				versionId: updated.versionId,
				nodes: workflow.nodes,
				connections: workflow.connections,
			});
			const execution = await runManually(n8n, IDS.digest, 'Every Morning');
			outputs.push(['digest execution (REST)', execution.raw]);
			assert.strictEqual(execution.status, 'success', JSON.stringify(execution.data.resultData.error));
			const runs = N8n.nodeOutput(execution, 'AEP Get Runs');
			const ids = runs.map((r) => r.runId);
			assert.ok(ids.includes(state.failedRun.id), `digest runs ${ids} lack the failed run`);
			assert.ok(ids.includes(state.pipelineRunId), `digest runs ${ids} lack the pipeline's run`);
			const succeeded = runs.filter((r) => r.status === 'success').length;
			const failedOrPartial = runs.filter((r) => r.status !== 'success').length;
			const mails = receiver.at('/email');
			assert.strictEqual(mails.length, 2, `${mails.length} mails (Send Digest runs once per execution)`);
			const mail = mails[1].json;
			assert.deepStrictEqual([mail.from, mail.to], [state.emailParameters.fromEmail, state.emailParameters.toEmail]);
			assert.strictEqual(mail.subject, `AEP runs, last 24 h: ${succeeded} succeeded, ${failedOrPartial} failed or partial`);
			assert.ok(mail.html.includes(`run ${state.failedRun.id}: failed (ACTIVATION_BATCH-0000-FAILED: Job aborted.)`), mail.html);
			assert.ok(mail.html.includes(`run ${state.pipelineRunId}: ${runs.find((r) => r.runId === state.pipelineRunId).recordsWritten} records`), mail.html);
		});

		await check('test a new pipeline (examples/test-new-pipeline.json): dataflow on the newest connections, export now, wait, Slack summary', async () => {
			const execution = await runManually(n8n, IDS.testPipeline, 'Test Pipeline');
			outputs.push(['test-new-pipeline execution (REST)', execution.raw]);
			assert.strictEqual(execution.status, 'success', JSON.stringify(execution.data.resultData.error));
			const [source] = N8n.nodeOutput(execution, 'AEP Newest Source Connection');
			const [target] = N8n.nodeOutput(execution, 'AEP Newest S3 Target Connection');
			assert.deepStrictEqual([source.id, target.id], [state.sourceId, state.targetId]);
			const [flow] = N8n.nodeOutput(execution, 'AEP Create Dataflow');
			assert.match(flow.name, /^Test pipeline \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
			assert.ok(!Number.isNaN(Date.parse(flow.endsAt)), `endsAt ${flow.endsAt}`);
			const runs = N8n.nodeOutput(execution, 'AEP Export Now');
			assert.ok(runs.length >= 1, 'Export Now output no run');
			for (const run of runs) {
				assert.strictEqual(run.flowId, flow.id);
				assert.strictEqual(run.status, 'success', JSON.stringify(run));
				assert.ok(!run.timedOut);
			}
			const simFlow = await sim.entity('flows', flow.id);
			assert.deepStrictEqual([simFlow.sourceConnectionIds, simFlow.targetConnectionIds], [[state.sourceId], [state.targetId]]);
			const messages = receiver.at('/slack-test');
			assert.strictEqual(messages.length, runs.length, `${messages.length} messages for ${runs.length} runs`);
			const lines = messages[0].json.text.split('\n');
			assert.strictEqual(lines[0], `:test_tube: *New pipeline test* \`${flow.name}\``);
			assert.strictEqual(lines[1], `*Exported:* ${runs[0].exported} · *Status:* success`);
			assert.match(lines[2], /^\*Records:\* read \d+, written \d+ · \*Files:\* \d+ · \*Duration:\* (\d+m )?\d+s$/);
			assert.strictEqual(lines[3], '*Errors:* none reported');
			assert.strictEqual(lines[4], `*Stops on:* ${flow.endsAt} unless extended`);
			assert.ok(!/undefined|\{\{/.test(messages[0].json.text), messages[0].json.text);
		});

		await check('keep dataset exports alive (examples/keep-dataset-exports-alive.json): extends the dataflow ending in 12 days, reports it; next day finds nothing and says so', async () => {
			await sim.admin('POST', `/flows/${encodeURIComponent(state.flowId)}/end-time`, { inDays: 12 });
			const before = (await sim.entity('flows', state.flowId)).scheduleParams.endTime;
			const execution = await runManually(n8n, IDS.keepAlive, 'Every Morning');
			outputs.push(['keep-alive execution (REST)', execution.raw]);
			assert.strictEqual(execution.status, 'success', JSON.stringify(execution.data.resultData.error));
			const ending = N8n.nodeOutput(execution, 'AEP Dataflows Ending Soon');
			assert.deepStrictEqual(ending.map((f) => f.id), [state.flowId]);
			const [extended] = N8n.nodeOutput(execution, 'AEP Extend End Time');
			const after = (await sim.entity('flows', state.flowId)).scheduleParams.endTime;
			const days = (after - before) / 86400;
			assert.ok(days > 150 && days < 190, `end time moved by ${days} days`);
			assert.strictEqual(Date.parse(extended.endsAt) / 1000, after);
			const messages = receiver.at('/slack-keep');
			assert.strictEqual(messages.length, 1);
			assert.deepStrictEqual(messages[0].json.text.split('\n'), [
				`:calendar: *Dataset export extended* \`${extended.name}\` (${state.flowId})`,
				`Was stopping on ${extended.previousEndsAt}; now stops on ${extended.endsAt}.`,
			]);
			const again = await runManually(n8n, IDS.keepAlive, 'Every Morning');
			assert.strictEqual(again.status, 'success');
			const [found] = again.data.resultData.runData['AEP Dataflows Ending Soon'];
			const hints = (found.hints || []).map((h) => h.message).join(' | ');
			assert.match(hints, /No dataflow matched/, hints);
			assert.strictEqual(receiver.at('/slack-keep').length, 1, 'reported again although nothing was ending');
		});

		await check('published alert (examples/aep-failed-or-delayed-run-slack.json, polling every minute): fires once on a new failed run, not again on the next poll', async () => {
			const t = Date.now();
			const runPolls = async () => (await sim.requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/runs')).length;
			const pollsBefore = await runPolls();
			const { versionId } = await n8n.restData('GET', `/rest/workflows/${IDS.liveAlert}`);
			await n8n.restData('POST', `/rest/workflows/${IDS.liveAlert}/activate`, { versionId });
			// activation polls once (it may answer before that poll): the runs that exist then are the
			// baseline, never reported; a run added before that poll would be part of it
			await waitFor(async () => (await runPolls()) > pollsBefore, 'the first poll', 30_000);
			await sleep(1000);
			assert.strictEqual(receiver.at('/slack-live').length, 0, 'the first poll reported runs from before publishing');
			const failed = await sim.addRun(state.flowId, { status: 'failed' });
			await waitFor(() => receiver.at('/slack-live').length > 0, 'the alert', 150_000).catch(async (error) => {
				const workflow = await n8n.restData('GET', `/rest/workflows/${IDS.liveAlert}`);
				const executions = await n8n.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: IDS.liveAlert }))}`);
				console.log(`#   workflow active ${workflow.active}, activeVersionId ${workflow.activeVersionId}; executions ${executions.text.slice(0, 1500)}`);
				console.log(`#   /runs requests: ${await runPolls()}; failed run ${JSON.stringify(failed.metrics.durationSummary)}`);
				throw error;
			});
			const fired = receiver.at('/slack-live');
			const firedAt = Date.now();
			console.log(`#   fired ${Math.round((firedAt - t) / 1000)} s after publishing`);
			assert.strictEqual(fired.length, 1, JSON.stringify(fired.map((m) => m.json.text)));
			const text = fired[0].json.text;
			assert.ok(text.startsWith(`:rotating_light: Run failed: Export of ${state.dataset.name} → Amazon S3 · status failed`), text);
			assert.ok(!/undefined|\{\{/.test(text), text);
			// the next poll sees the same run and stays quiet
			const pollsAtFire = await runPolls();
			await waitFor(async () => (await runPolls()) > pollsAtFire, 'the next poll', 90_000);
			await sleep(5000); // an execution the poll would start has time to post
			assert.strictEqual(receiver.at('/slack-live').length, 1, 'the alert fired again');
			const { results: executions } = await n8n.restData('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: IDS.liveAlert }))}`);
			assert.strictEqual(executions.length, 1, `${executions.length} executions`);
			assert.strictEqual(executions[0].mode, 'trigger');
			const { versionId: v2 } = await n8n.restData('GET', `/rest/workflows/${IDS.liveAlert}`);
			await n8n.restData('POST', `/rest/workflows/${IDS.liveAlert}/deactivate`, { versionId: v2 });
			console.log(`#   run ${failed.id}: alert and a quiet next poll in ${Math.round((Date.now() - t) / 1000)} s`);
		});

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
