/**
 * `npm run demo`: starts the local Flow Service simulation and runs the example dataset export
 * pipeline (examples/dataset-export-pipeline.json) through the package on n8n's real engine,
 * printing each step's result and the run status. Exits non-zero when a step fails.
 *
 * Options: --keep (leave the simulation running afterwards, for n8n or curl), --port N.
 */
// before anything loads n8n-core: its settings file goes to a temporary folder, not ~/.n8n
import './n8n-scratch-folder';
import type { IDataObject } from 'n8n-workflow';

import { startSimulation } from '../sim';
import { TestCredentialsHelper } from '../test/harness/credentials';
import { runWorkflow } from '../test/harness/engine';
import { HarnessStart } from '../test/harness/start-node';
import { loadPipeline } from './examplePipeline';

const CLIENT_ID = 'demo-client-id';
const CLIENT_SECRET = 'demo-client-secret';
const AEP_CREDENTIAL = { id: 'demo-aep', name: 'AEP (local simulation)' };
const S3_CREDENTIAL = { id: 'demo-s3', name: 'Amazon S3 (demo keys)' };

function argument(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

function summary(json: IDataObject): string {
	const keys = ['id', 'runId', 'name', 'status', 'state', 'etag', 'startedAt', 'duration', 'recordsRead', 'recordsWritten'];
	return keys
		.filter((key) => json[key] !== undefined && json[key] !== null)
		.map((key) => `${key}=${typeof json[key] === 'object' ? JSON.stringify(json[key]) : String(json[key])}`)
		.join('  ');
}

async function main() {
	const port = Number(argument('--port') ?? 0);
	const sim = await startSimulation({ port, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
	console.log(`AEP simulation listening on ${sim.url}`);
	const credentials = new TestCredentialsHelper({
		[AEP_CREDENTIAL.id]: {
			type: 'aepPlatformApi',
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				organizationId: 'DEMO0123456789ABCDEF0123@AdobeOrg',
				sandboxName: 'demo',
				showAdvanced: true,
				imsTokenUrl: sim.imsTokenUrl,
				gatewayUrl: sim.gatewayUrl,
				accessToken: '',
			},
		},
		[S3_CREDENTIAL.id]: {
			type: 'aepAmazonS3AccessKeyApi',
			data: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
		},
	});

	const pipeline = loadPipeline(AEP_CREDENTIAL, S3_CREDENTIAL);
	console.log(`Running examples/dataset-export-pipeline.json on n8n's engine (${pipeline.nodes.length} nodes)\n`);
	const started = Date.now();
	const result = await runWorkflow({ ...pipeline, credentials });

	let failed = false;
	for (const node of pipeline.nodes) {
		if (node.type === HarnessStart.type) continue;
		const error = result.error(node.name);
		if (error) {
			failed = true;
			console.log(`✗ ${node.name}: ${error.message}${error.description ? ` (${error.description})` : ''}`);
			continue;
		}
		const runs = result.run.data.resultData.runData[node.name];
		if (!runs) {
			console.log(`- ${node.name}: did not run`);
			failed = true;
			continue;
		}
		const items = result.output(node.name);
		console.log(`✓ ${node.name}: ${items.length} item${items.length === 1 ? '' : 's'}`);
		for (const item of items.slice(0, 3)) console.log(`    ${summary(item.json)}`);
	}
	const requests = sim.state.requests.length;
	console.log(`\n${failed ? 'FAILED' : 'Done'} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${requests} requests to the simulation.`);

	if (process.argv.includes('--keep')) {
		console.log(`Simulation still running on ${sim.url} (client ID ${CLIENT_ID}); Ctrl+C to stop.`);
		return;
	}
	await sim.close();
	process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
