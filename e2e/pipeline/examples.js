'use strict';
/**
 * pipeline.e2e.js, part 2 (split out of it): `n8n start`, then the alert and day-two examples run
 * from their triggers through the REST API (failed-run alert, daily digest, test-new-pipeline,
 * keep-dataset-exports-alive) and the published failed-or-delayed alert polling every minute.
 */
const assert = require('assert');

const { N8n } = require('../lib/n8n');
const { PACKAGE_NAME, isOperation, runManually } = require('../lib/aep');
const { AEP_CREDENTIAL, IDS, S3_CREDENTIAL, SANDBOX, sleep, waitFor } = require('./workflows');

/**
 * @param {object} ctx  what pipeline.e2e.js's main() set up
 * @param {import('../lib/aep').Checks['check']} ctx.check
 * @param {import('../lib/n8n').N8n} ctx.n8n
 * @param {import('../lib/sim').Sim} ctx.sim
 * @param {any} ctx.receiver  startReceiver()'s answer
 * @param {Record<string, any>} ctx.state  what a check found, for later checks
 * @param {[string, string][]} ctx.outputs  texts scanned for secrets at the end
 */
async function exampleChecks({ check, n8n, sim, receiver, state, outputs }) {
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
}

module.exports = { exampleChecks };
