/**
 * Long lists: 10,000 datasets paged by ours and by sequential paging (the same node and client,
 * one page after the other) at three latencies, with a bare fetch loop for reference; Get Runs
 * over 5,000 runs of one dataflow.
 */
import { runWorkflow, chain } from '../../test/harness/engine';
import { aepOperation } from '../../test/harness/nodes';
import { DATA_LAKE_SOURCE_SPEC_ID } from '../../nodes/AdobeExperiencePlatform/domain/constants';
import { setPagingPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { loadPipeline } from '../examplePipeline';
import type { BenchContext, Measured, Row } from './common';
import { CLIENT_ID, ORG_ID, SANDBOX, expectSuccess, fetchToken, fmt, measure, median, ratio } from './common';

const PAGE = 100;
/** Alternating rounds at 0 ms latency (medians compared). */
const ZERO_LATENCY_ROUNDS = 5;
const RUNS = 5_000;
/** Each latency and the least sequential/ours ratio it must reach (0 ms: ours not slower). */
const LATENCY_GOALS: Array<[number, number]> = [
	[150, 6],
	[40, 4],
	[0, 1],
];

/** For reference: one page after the other, with nothing but fetch and JSON.parse. */
async function sequentialDatasets(gatewayUrl: string, accessToken: string): Promise<number> {
	let count = 0;
	for (let start = 0; ; start += PAGE) {
		const url = `${gatewayUrl}/data/foundation/flowservice/connectionSpecs/${DATA_LAKE_SOURCE_SPEC_ID}/configs?outputType=activationDatasets&outputField=datasets&start=${start}&limit=${PAGE}`;
		const response = await fetch(url, {
			headers: { Authorization: `Bearer ${accessToken}`, 'x-api-key': CLIENT_ID, 'x-gw-ims-org-id': ORG_ID, 'x-sandbox-name': SANDBOX, Accept: 'application/json' },
		});
		const page = (await response.json()) as { items: unknown[]; pageInfo?: { hasNext?: boolean } };
		count += page.items.length;
		if (!page.pageInfo?.hasNext || page.items.length === 0) return count;
	}
}

export async function listingCases(context: BenchContext, datasets: number): Promise<Row[]> {
	const { sim } = context;
	const rows: Row[] = [];
	await sim.reset();
	await sim.latency(0);
	const accessToken = await fetchToken(sim.imsTokenUrl);
	const credentialId = context.addAepCredential('aep-listing');
	const listAll = async () => {
		const outputs = await expectSuccess(
			runWorkflow({ ...chain([{ name: 'List', type: aepOperation('dataset', 'list'), parameters: { returnAll: true } }], credentialId), credentials: context.credentials }),
			['List'],
		);
		if (outputs.List.length !== datasets) throw new Error(`expected ${datasets} datasets, got ${outputs.List.length}`);
	};
	await listAll(); // the token and the engine's first-run costs are not what is measured

	for (const [latency, goal] of LATENCY_GOALS) {
		await sim.latency(latency);
		const bare = await measure(sim, async () => await sequentialDatasets(sim.gatewayUrl, accessToken));
		if (bare.result !== datasets) throw new Error(`the fetch loop read ${bare.result} datasets`);
		// At 0 ms a run lasts about 0.1 s and both sides are near the bare loop: alternate rounds and
		// compare medians, so one run's scheduling noise is not a verdict.
		const rounds = latency === 0 ? ZERO_LATENCY_ROUNDS : 1;
		const sequentialRuns: Array<Measured<void>> = [];
		const ourRuns: Array<Measured<void>> = [];
		for (let round = 0; round < rounds; round++) {
			const defaults = setPagingPolicy({ maxInFlight: 1 });
			try {
				sequentialRuns.push(await measure(sim, listAll));
			} finally {
				setPagingPolicy(defaults);
			}
			ourRuns.push(await measure(sim, listAll));
		}
		const sequential = median(sequentialRuns);
		const ours = median(ourRuns);
		const speedup = ratio(sequential.ms, ours.ms);
		rows.push({
			name: `${datasets} datasets at ${latency} ms: sequential / ours`,
			measured: `${rounds > 1 ? `median of ${rounds}: ` : ''}${fmt(sequential.ms, 0)} / ${fmt(ours.ms, 0)} ms = ${fmt(speedup)} (${ours.requests.length} requests, peak heap +${fmt(ours.peakHeapMb, 0)} MB; bare fetch loop ${fmt(bare.ms, 0)} ms)`,
			goal: latency === 0 ? '≥ 1.00 (not slower)' : `≥ ${goal}`,
			ok: speedup >= goal && ours.requests.length === datasets / PAGE,
		});
	}

	await sim.latency(0);
	const pipeline = loadPipeline({ id: credentialId, name: 'AEP' }, { id: 's3', name: 'S3' });
	const created = await expectSuccess(runWorkflow({ ...pipeline, credentials: context.credentials }), ['AEP Create Dataflow']);
	const flowId = String(created['AEP Create Dataflow'][0].id);
	const existing = 4; // the simulation's initial runs
	const now = Date.now();
	const toAdd = Array.from({ length: RUNS - existing }, (_, index) => index);
	for (let offset = 0; offset < toAdd.length; offset += 50) {
		await Promise.all(
			toAdd.slice(offset, offset + 50).map(async (index) => await sim.addRun(flowId, { status: index % 7 === 0 ? 'failed' : 'success', startedAtUTC: now - (index + 10) * 60_000 })),
		);
	}
	const runs = await measure(sim, async () => {
		const outputs = await expectSuccess(
			runWorkflow({
				...chain([{ name: 'Runs', type: aepOperation('run', 'getAll'), parameters: { dataflow: { __rl: true, mode: 'id', value: flowId }, returnAll: true } }], credentialId),
				credentials: context.credentials,
			}),
			['Runs'],
		);
		return outputs.Runs.length;
	});
	const pages = Math.ceil(RUNS / PAGE);
	rows.push({
		name: `Get Runs, Return All over ${RUNS} runs`,
		measured: `${runs.result} runs, ${runs.requests.length} requests, ${fmt(runs.ms, 0)} ms, peak heap +${fmt(runs.peakHeapMb, 0)} MB`,
		// Plus one read of the dataflow: its names for the summaries, and "not found" before any run listing.
		goal: `requests = pages (${pages}) + 1 dataflow read; peak memory reported`,
		ok: runs.result === RUNS && runs.requests.length === pages + 1,
	});
	return rows;
}
