/**
 * Patch Dataflow adding n audiences to an audience dataflow, as one item carrying n audiences and
 * as n items carrying one each (the items arrive with the dataflow's ID and etag, as Create
 * Dataflow outputs them). Requests must not grow with n.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { chain, PACKAGE_ROOT, runWorkflow } from '../../test/harness/engine';
import { aepOperation } from '../../test/harness/nodes';
import type { BenchContext, Row } from './common';
import { CLIENT_ID, ORG_ID, SANDBOX, expectSuccess, fetchToken, kinds, measure } from './common';
import { tomorrowUtc } from '../../test/harness/clock';

const SIZES = [1, 10, 50];
const S3_AUDIENCE_FLOW_SPEC = '1a0514a6-33d4-4c7f-aff8-594799c47549';

const seed = (file: string) =>
	JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'fixtures', 'seed-examples', file), 'utf8')) as IDataObject;

/** Creates an S3 audience dataflow from seed 004's bodies (three audiences) over plain HTTP. */
async function audienceFlow(context: BenchContext, accessToken: string, name: string): Promise<IDataObject> {
	const post = async (collection: string, body: unknown) => {
		const response = await fetch(`${context.sim.gatewayUrl}/data/foundation/flowservice${collection}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${accessToken}`, 'x-api-key': CLIENT_ID, 'x-gw-ims-org-id': ORG_ID, 'x-sandbox-name': SANDBOX, 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (response.status !== 201) throw new Error(`POST ${collection}: ${response.status} ${await response.text()}`);
		return (await response.json()) as { id: string; etag: string };
	};
	const fill = (value: unknown): unknown =>
		JSON.parse(JSON.stringify(value).replace(/"<Add secret key>"/g, '"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"').replace(/"<Add access key>"/g, '"AKIAIOSFODNN7EXAMPLE"'));
	const source = await post('/sourceConnections', seed('004-source-connection.request.json'));
	const base = await post('/connections', fill(seed('000-base-connection-amazon-s3.request.json')));
	const targetBody = JSON.parse(JSON.stringify(seed('004-target-connection-amazon-s3-csv.request.json')).replace('"<FROM_STEP_CREATE_BASE_CONNECTION>"', JSON.stringify(base.id)));
	const target = await post('/targetConnections', targetBody);
	const flowBody = JSON.parse(
		JSON.stringify(seed('004-dataflow-azure-blob.request.json'))
			.replace('"<FROM_STEP_CREATE_SOURCE_CONNECTION>"', JSON.stringify(source.id))
			.replace('"<FROM_STEP_CREATE_TARGET_CONNECTION>"', JSON.stringify(target.id)),
	) as IDataObject & { transformations: Array<{ params: { segmentSelectors: { selectors: unknown[] } } }> };
	flowBody.transformations[0].params.segmentSelectors.selectors = ['A', 'B', 'C'].map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id } }));
	const created = await post('/flows', { ...flowBody, name, flowSpec: { id: S3_AUDIENCE_FLOW_SPEC, version: '1.0' } });
	// As Create Dataflow outputs it: the ID and etag AEP answered, and the layout it sent.
	return { ...created, transformations: flowBody.transformations };
}

/** A one-time export must start in the future. */
const TOMORROW = tomorrowUtc();
const audience = (index: number) => ({ audienceId: `bench-audience-${index}`, audienceName: `Bench audience ${index}`, startDate: TOMORROW, startTimeUtc: '17:00' });

async function patchRequests(context: BenchContext, credentialId: string, flow: IDataObject, n: number, asItems: boolean) {
	const parameters = {
		dataflow: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		operations: asItems
			? { addAudience: [{ audienceId: '={{ $json.audienceId }}', audienceName: '={{ $json.audienceName }}', startDate: TOMORROW, startTimeUtc: '17:00' }] }
			: { addAudience: Array.from({ length: n }, (_, index) => audience(index)) },
	};
	const input = asItems
		? Array.from({ length: n }, (_, index) => ({ ...flow, ...audience(index) }))
		: [{ ...flow }];
	const measured = await measure(context.sim, async () =>
		await expectSuccess(
			runWorkflow({ ...chain([{ name: 'Patch', type: aepOperation('dataflow', 'patch'), parameters }], credentialId), input, credentials: context.credentials }),
			['Patch'],
		),
	);
	return kinds(measured.requests);
}

export async function patchCases(context: BenchContext, latencyMs: number): Promise<Row[]> {
	const { sim } = context;
	await sim.reset();
	await sim.latency(0);
	const credentialId = context.addAepCredential('aep-patch');
	const accessToken = await fetchToken(sim.imsTokenUrl);
	// A first patch fetches the node's token: not what is measured.
	await patchRequests(context, credentialId, await audienceFlow(context, accessToken, 'bench warm-up'), 1, false);
	await sim.latency(latencyMs);

	const rows: Row[] = [];
	for (const asItems of [false, true]) {
		const counts: string[] = [];
		const totals: number[] = [];
		for (const n of SIZES) {
			await sim.latency(0);
			const flow = await audienceFlow(context, accessToken, `bench ${asItems ? 'items' : 'one item'} ${n}`);
			await sim.latency(latencyMs);
			const k = await patchRequests(context, credentialId, flow, n, asItems);
			counts.push(`n=${n}: ${k.total} (PATCH ${k.patches}, GET flow ${k.flowReads})`);
			totals.push(k.total);
		}
		rows.push({
			name: `Patch Dataflow, n audiences as ${asItems ? 'n items' : 'one item'}`,
			measured: counts.join('; '),
			goal: 'constant in n: 1 request (the PATCH, with the etag the items carry)',
			ok: totals.every((total) => total === 1),
		});
	}
	return rows;
}
