/**
 * `npm run bench`: request counts, wall time and memory of the package's heavier jobs, run on n8n's
 * real engine against the local simulation (over loopback, with an added per-response latency so
 * that parallel paging shows). Each case states its goal; the run fails when a goal is missed.
 * Request counts are exact goals; time and memory goals are generous ceilings for a 2-core machine.
 */
// before anything loads n8n-core: its settings file goes to a temporary folder, not ~/.n8n
import './n8n-scratch-folder';
import type { IDataObject } from 'n8n-workflow';

import type { Simulation } from '../sim';
import { startSimulation } from '../sim';
import { TestCredentialsHelper } from '../test/harness/credentials';
import { chain, runWorkflow } from '../test/harness/engine';
import { aepOperation } from '../test/harness/nodes';

const DATASET_LIST = aepOperation('dataset', 'list');

const CLIENT_ID = 'bench-client-id';
const CLIENT_SECRET = 'bench-client-secret';
const LATENCY_MS = 80;

interface Case {
	name: string;
	goal: string;
	requests: number;
	maxRequests: number;
	ms: number;
	maxMs: number;
	heapMb: number;
	maxHeapMb: number;
}

function credentialsFor(sim: Simulation) {
	return new TestCredentialsHelper({
		'aep-1': {
			type: 'aepPlatformApi',
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				organizationId: 'BENCH0123456789ABCDEF0123@AdobeOrg',
				sandboxName: 'bench',
				imsTokenUrl: sim.imsTokenUrl,
				gatewayUrl: sim.gatewayUrl,
				accessToken: '',
			},
		},
	});
}

async function measure(
	sim: Simulation,
	name: string,
	goal: string,
	limits: { maxRequests: number; maxMs: number; maxHeapMb: number },
	job: () => Promise<unknown>,
): Promise<Case> {
	sim.state.requests.length = 0;
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const started = performance.now();
	await job();
	const ms = performance.now() - started;
	const heapMb = Math.max(0, (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024);
	return { name, goal, requests: sim.state.requests.length, ms, heapMb, ...limits };
}

async function expectSuccess(run: ReturnType<typeof runWorkflow>, node: string): Promise<IDataObject[]> {
	const result = await run;
	const error = result.error(node);
	if (error) throw new Error(`${node} failed: ${error.message}`);
	return result.output(node).map((item) => item.json);
}

async function main() {
	const sim = await startSimulation({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, datasetCount: 1000 });
	const cases: Case[] = [];
	try {
		const credentials = credentialsFor(sim);
		// Warm-up: the token and the engine's first-run costs are not what these cases measure.
		await expectSuccess(
			runWorkflow({ ...chain([{ name: 'List', type: DATASET_LIST, parameters: { limit: 1 } }]), credentials }),
			'List',
		);
		sim.faults.delay(LATENCY_MS);

		cases.push(
			await measure(
				sim,
				'Dataset List, Return All over 1000 datasets',
				'10 pages: 1 first, then 9 in parallel (4 at a time)',
				// Sequential paging cannot beat 10 × latency; the parallel pages must.
				{ maxRequests: 10, maxMs: 10 * LATENCY_MS, maxHeapMb: 150 },
				async () => {
					const items = await expectSuccess(
						runWorkflow({
							...chain([{ name: 'List', type: DATASET_LIST, parameters: { returnAll: true } }]),
							credentials,
						}),
						'List',
					);
					if (items.length !== 1000) throw new Error(`expected 1000 datasets, got ${items.length}`);
				},
			),
		);

		cases.push(
			await measure(
				sim,
				'Dataset List, Limit 150',
				'only the 2 pages needed',
				{ maxRequests: 2, maxMs: 1500, maxHeapMb: 100 },
				async () => {
					const items = await expectSuccess(
						runWorkflow({ ...chain([{ name: 'List', type: DATASET_LIST, parameters: { limit: 150 } }]), credentials }),
						'List',
					);
					if (items.length !== 150) throw new Error(`expected 150 datasets, got ${items.length}`);
				},
			),
		);

		cases.push(
			await measure(
				sim,
				'Same credential, 5 executions in a row',
				'one token for all of them: 5 list requests, no token request',
				{ maxRequests: 5, maxMs: 3000, maxHeapMb: 150 },
				async () => {
					for (let i = 0; i < 5; i++) {
						await expectSuccess(
							runWorkflow({ ...chain([{ name: 'List', type: DATASET_LIST, parameters: { limit: 5 } }]), credentials }),
							'List',
						);
					}
				},
			),
		);

		sim.faults.delay(0);
		sim.faults.throttle({ count: 3, retryAfterSeconds: 0 });
		cases.push(
			await measure(
				sim,
				'Dataset List under 3 answers of 429',
				'3 throttled requests repeated, then 1 page',
				{ maxRequests: 4, maxMs: 3000, maxHeapMb: 100 },
				async () => {
					await expectSuccess(
						runWorkflow({ ...chain([{ name: 'List', type: DATASET_LIST, parameters: { limit: 10 } }]), credentials }),
						'List',
					);
				},
			),
		);
	} finally {
		await sim.close();
	}

	let missed = 0;
	console.log('case | goal | requests | ms | heap MB');
	for (const c of cases) {
		const ok = c.requests <= c.maxRequests && c.ms <= c.maxMs && c.heapMb <= c.maxHeapMb;
		if (!ok) missed++;
		console.log(
			`${ok ? 'ok  ' : 'MISS'} ${c.name} | ${c.goal} | ${c.requests}/${c.maxRequests} | ${c.ms.toFixed(0)}/${c.maxMs.toFixed(0)} | ${c.heapMb.toFixed(1)}/${c.maxHeapMb}`,
		);
	}
	console.log(`bench: ${cases.length - missed} passed, ${missed} failed`);
	process.exitCode = missed ? 1 : 0;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
