'use strict';
/**
 * pipeline.e2e.js, part 1 (split out of it): install the tarball, import the credentials and the six
 * examples, `n8n execute --id` of the dataset export pipeline and its checks against the simulation.
 */
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const { N8n } = require('../lib/n8n');
const { AMAZON_S3_SPEC_ID, PACKAGE_NAME, packageTarball, runnableAlert, runnableDigest, runnablePipeline, withSlackStandIn } = require('../lib/aep');
const { AEP_CREDENTIAL, IDS, S3_CREDENTIAL, S3_KEYS, SANDBOX, runnableLiveAlert, runnableTestPipeline } = require('./workflows');

/**
 * @param {object} ctx  what pipeline.e2e.js's main() set up
 * @param {import('../lib/aep').Checks['check']} ctx.check
 * @param {import('../lib/n8n').N8n} ctx.n8n
 * @param {import('../lib/sim').Sim} ctx.sim
 * @param {any} ctx.receiver  startReceiver()'s answer
 * @param {Record<string, any>} ctx.state  what a check found, for later checks
 * @param {[string, string][]} ctx.outputs  texts scanned for secrets at the end
 */
async function cliRunChecks({ check, n8n, sim, receiver, state, outputs }) {
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
}

module.exports = { cliRunChecks };
