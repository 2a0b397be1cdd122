/**
 * Dataflows in the simulation over real HTTP: both paging schemes, `property=` filters, etags and
 * 412, JSON Patch semantics (seed 002's two-removes trap included), enable/disable, the dataflow
 * rules, and runs (history, filters, paging, runs that finish, injected runs).
 */
import type { Simulation } from '../../sim/index';
import {
	DATA_LAKE,
	ETAG,
	FLOW_SPEC,
	FlowClient,
	SANDBOX,
	allowOnlyLocalhost,
	fillPlaceholders,
	http,
	seed,
	startTestSimulation,
} from './helpers';

allowOnlyLocalhost();

const HOUR = 3_600_000;
const START = Date.UTC(2025, 0, 15, 9, 0, 0);
let now = START;
let sim: Simulation;
let client: FlowClient;

beforeAll(async () => {
	sim = await startTestSimulation({ clock: () => now });
});
beforeEach(async () => {
	now = START;
	await http(`${sim.url}/__sim/reset`, { method: 'POST' });
	client = await new FlowClient(sim).login();
});
afterAll(async () => await sim.close());

/** An S3 dataset dataflow from seed 000's bodies; `now` moves on a minute per flow. */
async function datasetFlow(name: string, sandbox = SANDBOX) {
	now += 60_000;
	const source = await client.create('/sourceConnections', seed('000-source-connection.request.json'), sandbox);
	const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')), sandbox);
	const target = await client.create(
		'/targetConnections',
		fillPlaceholders(seed('000-target-connection-amazon-s3.request.json'), { '<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': base.id }),
		sandbox,
	);
	const body = fillPlaceholders(seed<any>('000-dataflow-amazon-s3.request.json'), {
		'<FROM_STEP_CREATE_SOURCE_CONNECTION>': source.id,
		'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
	});
	const flow = await client.create('/flows', { ...body, name }, sandbox);
	return { ...flow, sourceId: source.id, targetId: target.id, baseId: base.id };
}

/** An S3 audience dataflow with three audiences A, B, C (seed 004 bodies). */
async function audienceFlow(name = 'audiences') {
	const source = await client.create('/sourceConnections', seed('004-source-connection.request.json'));
	const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
	const target = await client.create(
		'/targetConnections',
		fillPlaceholders(seed('004-target-connection-amazon-s3-csv.request.json'), { '<FROM_STEP_CREATE_BASE_CONNECTION>': base.id }),
	);
	const body = fillPlaceholders(seed<any>('004-dataflow-azure-blob.request.json'), {
		'<FROM_STEP_CREATE_SOURCE_CONNECTION>': source.id,
		'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
	});
	body.transformations[0].params.segmentSelectors.selectors = ['A', 'B', 'C'].map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id } }));
	return await client.create('/flows', { ...body, name, flowSpec: { id: FLOW_SPEC.s3Audiences, version: '1.0' } });
}

const segmentIds = (flow: any) => flow.transformations[0].params.segmentSelectors.selectors.map((s: any) => s.value.id);

describe('lists', () => {
	it('pages flows over continuation tokens, repeating the filters in _links.next.href', async () => {
		const names = ['f1', 'f2', 'f3', 'f4', 'f5'];
		for (const name of names) await datasetFlow(name);
		const seen: string[] = [];
		let answer = await client.get('/flows', { limit: '2', property: 'inheritedAttributes.properties.isDestinationFlow==true' });
		const hrefs: string[] = [];
		for (;;) {
			expect(answer.status).toBe(200);
			seen.push(...answer.body.items.map((flow: any) => flow.name));
			const href = answer.body._links.next?.href;
			if (!href) break;
			hrefs.push(href);
			expect(href).toMatch(/^\/flows\?limit=2&property=inheritedAttributes\.properties\.isDestinationFlow%3D%3Dtrue&continuationToken=/);
			answer = await http(`${sim.flowServiceUrl}${href}`, { headers: client.headers() });
		}
		// Newest first; the last page has `_links: {}`.
		expect(seen).toEqual(['f5', 'f4', 'f3', 'f2', 'f1']);
		expect(hrefs).toHaveLength(2);
		expect(answer.body._links).toEqual({});
		expect((await client.get('/flows', { count: 'true' })).body).toEqual({ count: 5 });
	});

	it('filters with property= (AND when repeated, OR with commas, [] on arrays) and sorts with orderby', async () => {
		const first = await datasetFlow('alpha');
		const second = await datasetFlow('beta');
		await datasetFlow('gamma');
		const names = async (query: Record<string, string | string[]>) =>
			(await client.get('/flows', query)).body.items.map((flow: any) => flow.name);
		expect(await names({ property: 'name==beta' })).toEqual(['beta']);
		expect(await names({ property: 'name==alpha,gamma', orderby: 'name' })).toEqual(['alpha', 'gamma']);
		expect(await names({ property: ['name==alpha,beta', `id!=${first.id}`] })).toEqual(['beta']);
		expect(await names({ property: `sourceConnectionIds[]==${second.sourceId}` })).toEqual(['beta']);
		expect(await names({ property: 'flowSpec.id==269ba276-16fc-47db-92b0-c1049a3c131f', orderby: '-name' })).toEqual(['gamma', 'beta', 'alpha']);
		const connections = await client.get('/targetConnections', { property: `baseConnectionId==${first.baseId}` });
		expect(connections.body.items.map((target: any) => target.id)).toEqual([first.targetId]);
		const bad = await client.get('/flows', { property: 'name' });
		expect(bad.status).toBe(400);
		expect(bad.body.detail).toBe('Invalid property filter "name". Expected <field><operator><value> with ==, !=, >, <, >= or <=');
	});

	it('filters through arrays anywhere in the path, as Adobe\'s sort-and-filter guide shows for audiences', async () => {
		const withAudiences = await audienceFlow('with audiences');
		await datasetFlow('without audiences');
		const segmentFilter = (id: string) => `transformations[].params.segmentSelectors.selectors[].value.id==${id}`;
		const ids = async (query: Record<string, string | string[]>) => (await client.get('/flows', query)).body.items.map((flow: any) => flow.id);
		expect(await ids({ property: segmentFilter('B') })).toEqual([withAudiences.id]);
		expect(await ids({ property: [segmentFilter('B'), 'state==enabled'] })).toEqual([withAudiences.id]);
		expect(await ids({ property: segmentFilter('Z') })).toEqual([]);
		expect((await client.get('/flows', { orderby: '+name' })).body.items.map((flow: any) => flow.name)).toEqual(['with audiences', 'without audiences']);
	});

	it('pages eligible datasets by start/limit with pageInfo, 1 to 100 a page', async () => {
		const path = `/connectionSpecs/${DATA_LAKE}/configs`;
		const base = { outputType: 'activationDatasets', outputField: 'datasets' };
		const last = await client.get(path, { ...base, start: '140', limit: '20' });
		expect(last.body.items).toHaveLength(9);
		expect(last.body.pageInfo).toEqual({ start: 140, end: 148, total: 149, hasNext: false });
		const all = [];
		for (let start = 0; ; start += 100) {
			const page = await client.get(path, { ...base, start: String(start), limit: '100' });
			all.push(...page.body.items);
			if (!page.body.pageInfo.hasNext) break;
		}
		expect(new Set(all.map((dataset: any) => dataset.id)).size).toBe(149);
		const tooMany = await client.get(path, { ...base, limit: '101' });
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.detail).toBe('limit "101" must be a whole number from 1 to 100');
		expect((await client.get(path, { outputType: 'activationDatasets' })).body.detail).toBe(
			'outputType=activationDatasets and outputField=datasets are required',
		);
		expect((await client.get(`/connectionSpecs/${FLOW_SPEC.s3Datasets}/configs`, base)).status).toBe(400);
	});

	it('serves the catalogue: specs by ID answer {items: [spec]}', async () => {
		const specs = await client.get('/connectionSpecs');
		expect(specs.body.items.map((spec: any) => spec.name)).toEqual([
			'Amazon S3',
			'Azure Blob Storage',
			'Azure Data Lake Gen2',
			'Data Landing Zone',
			'Google Cloud Storage',
			'SFTP',
			'Experience Platform Data Lake',
			'Experience Platform Profile Store',
		]);
		const one = await client.get('/connectionSpecs/4fce964d-3f37-408f-9778-e597338a21ee');
		expect(one.body.items[0].authSpec[0].name).toBe('Access Key');
		const flowSpecs = await client.get('/flowSpecs', { property: `sourceConnectionSpecIds[]==${DATA_LAKE}` });
		expect(flowSpecs.body.items).toHaveLength(6);
	});
});

describe('dataflow updates', () => {
	it('applies two removes in order: /selectors/0 then /selectors/1 removes the 1st and the 3rd', async () => {
		const flow = await audienceFlow();
		const answer = await client.patch(
			flow.id,
			[
				{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/0' },
				{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/1' },
			],
			flow.etag,
		);
		expect(answer.status).toBe(200);
		expect(segmentIds(await client.flow(flow.id))).toEqual(['B']);
	});

	it('requires the quoted etag in If-Match and answers 412 on a stale or differently quoted one', async () => {
		const flow = await audienceFlow();
		expect(flow.etag).toMatch(ETAG);
		const append = [{ op: 'add', path: '/transformations/0/params/segmentSelectors/selectors/-', value: { type: 'PLATFORM_SEGMENT', value: { id: 'D' } } }];

		const missing = await client.patch(flow.id, append, undefined);
		expect(missing.status).toBe(400);
		expect(missing.body.detail).toBe('The If-Match header is required: send the etag of the flow you read, in double quotes');

		const unquoted = flow.etag.slice(1, -1);
		const wrongQuoting = await client.patch(flow.id, append, unquoted);
		expect(wrongQuoting.status).toBe(412);
		expect(wrongQuoting.body).toEqual({
			errorMessage: `Supplied version=[${unquoted}] does not match the current version on entity=[${flow.etag}]`,
			errorDetails: `Supplied version=[${unquoted}] does not match the current version on entity=[${flow.etag}]`,
		});
		expect((await client.patch(flow.id, append, `"${flow.etag}"`)).status).toBe(412);

		const updated = await client.patch(flow.id, append, flow.etag);
		expect(updated.status).toBe(200);
		expect(updated.body.etag).not.toBe(flow.etag);
		const stale = await client.patch(flow.id, append, flow.etag);
		expect(stale.status).toBe(412);
		const reference = seed<any>('openapi-patchFlowById.response-412.json');
		expect(Object.keys(stale.body).sort()).toEqual(Object.keys(reference).sort());
		// Same wording as the API reference's 412, with this flow's versions.
		expect(reference.errorMessage.replace(/\[[^\]]*\]/g, '[]')).toBe(stale.body.errorMessage.replace(/\[[^\]]*\]/g, '[]'));
		expect(segmentIds(await client.flow(flow.id))).toEqual(['A', 'B', 'C', 'D']);
	});

	it('keeps the flow and its etag when any operation fails, and explains why', async () => {
		const flow = await audienceFlow();
		const failing = await client.patch(
			flow.id,
			[
				{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/0' },
				{ op: 'test', path: '/name', value: 'another name' },
			],
			flow.etag,
		);
		expect(failing.status).toBe(400);
		expect(failing.body.detail).toBe('The JSON Patch cannot be applied: operation 1 (test /name): test failed: the value at "/name" differs');
		const unchanged = await client.flow(flow.id);
		expect(segmentIds(unchanged)).toEqual(['A', 'B', 'C']);
		expect(unchanged.etag).toBe(flow.etag);

		const outOfRange = await client.patch(flow.id, [{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/3' }], flow.etag);
		expect(outOfRange.body.detail).toContain('index 3 in "/transformations/0/params/segmentSelectors/selectors/3" is out of bounds (array length 3)');
		const notAPatch = await client.patch(flow.id, { op: 'add' }, flow.etag);
		expect(notAPatch.body.detail).toBe('The request body must be a JSON Patch array (RFC 6902)');
	});

	it('lets a PATCH change only what belongs to the user, and keeps the flow consistent', async () => {
		const flow = await datasetFlow('patchable');
		const forbidden = await client.patch(flow.id, [{ op: 'replace', path: '/state', value: 'disabled' }, { op: 'remove', path: '/runs' }], flow.etag);
		expect(forbidden.status).toBe(400);
		expect(forbidden.body.detail).toBe(
			'These fields cannot be changed with PATCH: /state, /runs; allowed: /name, /description, /sourceConnectionIds, /targetConnectionIds, /transformations, /scheduleParams, /policy',
		);
		const unknownSource = await client.patch(flow.id, [{ op: 'replace', path: '/sourceConnectionIds', value: ['missing'] }], flow.etag);
		expect(unknownSource.body.detail).toBe(`Source connection missing does not exist in sandbox ${SANDBOX}`);
		const milliseconds = await client.patch(flow.id, [{ op: 'replace', path: '/scheduleParams/startTime', value: 1675901210000 }], flow.etag);
		expect(milliseconds.body.detail).toBe('scheduleParams is invalid: $.startTime: 1675901210000 looks like milliseconds; send epoch seconds');
		const renamed = await client.patch(flow.id, [{ op: 'replace', path: '/name', value: 'renamed' }, { op: 'add', path: '/description', value: 'd' }], flow.etag);
		expect(renamed.status).toBe(200);
		expect(await client.flow(flow.id)).toMatchObject({ name: 'renamed', description: 'd', etag: renamed.body.etag });
	});

	it('enables and disables a dataflow, each with a new etag', async () => {
		const flow = await datasetFlow('toggle');
		const disabled = await client.call('POST', `/flows/${flow.id}/action`, { query: { op: 'disable' } });
		expect(disabled.status).toBe(200);
		expect(disabled.body).toEqual({ id: flow.id, etag: expect.stringMatching(ETAG) });
		expect(await client.flow(flow.id)).toMatchObject({ state: 'disabled', etag: disabled.body.etag, lastOperation: { operation: 'disable' } });
		expect((await client.get('/flows', { property: 'state==disabled' })).body.items).toHaveLength(1);
		const enabled = await client.call('POST', `/flows/${flow.id}/action`, { query: { op: 'enable' } });
		expect((await client.flow(flow.id)).state).toBe('enabled');
		expect(enabled.body.etag).not.toBe(disabled.body.etag);
		const wrong = await client.call('POST', `/flows/${flow.id}/action`, { query: { op: 'pause' } });
		expect(wrong.status).toBe(400);
		expect(wrong.body.detail).toBe('Query parameter op must be "enable" or "disable", not "pause"');
		expect((await client.call('POST', '/flows/missing/action', { query: { op: 'enable' } })).status).toBe(404);
	});

	it('deletes a dataflow with its runs', async () => {
		const flow = await datasetFlow('doomed');
		expect((await client.call('DELETE', `/flows/${flow.id}`)).status).toBe(202);
		expect((await client.get(`/flows/${flow.id}`)).status).toBe(404);
		expect((await client.get('/runs', { property: `flowId==${flow.id}` })).body.items).toEqual([]);
	});
});

describe('dataflow creation rules', () => {
	it('checks the schedule of a dataset dataflow (API reference DatasetScheduleParams_V2)', async () => {
		const flow = await datasetFlow('template');
		const body = { ...(await client.flow(flow.id)), name: 'another' };
		const post = async (scheduleParams: object) =>
			await client.post('/flows', {
				name: body.name,
				flowSpec: body.flowSpec,
				sourceConnectionIds: body.sourceConnectionIds,
				targetConnectionIds: body.targetConnectionIds,
				transformations: [],
				scheduleParams,
			});
		for (const [scheduleParams, problem] of [
			[{ interval: 24, timeUnit: 'hour', startTime: 1675901210 }, '$.interval: does not have a value in the enumeration [1, 3, 6, 9, 12]'],
			[{ interval: 1, timeUnit: 'hour', startTime: 1675901210 }, '$.interval: 1 hours is not supported; use 3, 6, 9 or 12 hours, or 1 day'],
			[{ interval: 3, timeUnit: 'day', startTime: 1675901210 }, '$.interval: 3 days is not supported; use interval 1 with timeUnit day'],
			[{ interval: 3, timeUnit: 'week', startTime: 1675901210 }, '$.timeUnit: does not have a value in the enumeration [hour, day]'],
			[{ interval: 3, timeUnit: 'hour' }, '$.startTime: is missing but it is required'],
			[{ interval: 3, timeUnit: 'hour', startTime: 1675901210000 }, '$.startTime: 1675901210000 looks like milliseconds; send epoch seconds'],
		] as const) {
			const answer = await post(scheduleParams);
			expect(answer.status).toBe(400);
			expect(answer.body.detail).toBe(`scheduleParams is invalid: ${problem}`);
		}
		expect((await post({ interval: 1, timeUnit: 'day', startTime: 1675901210, exportMode: 'FIRST_FULL_THEN_INCREMENTAL' })).status).toBe(201);
	});

	it('requires the target parameters the flow spec\'s workflow makes mandatory', async () => {
		const source = await client.create('/sourceConnections', seed('000-source-connection.request.json'));
		const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
		// An audience target (fileType, no datasetFileType) cannot serve a dataset flow.
		const audienceTarget = await client.create(
			'/targetConnections',
			fillPlaceholders(seed('004-target-connection-amazon-s3.request.json'), { '<FROM_STEP_CREATE_BASE_CONNECTION>': base.id }),
		);
		const body = fillPlaceholders(seed<any>('000-dataflow-amazon-s3.request.json'), {
			'<FROM_STEP_CREATE_SOURCE_CONNECTION>': source.id,
			'<FROM_STEP_CREATE_TARGET_CONNECTION>': audienceTarget.id,
		});
		const answer = await client.post('/flows', body);
		expect(answer.status).toBe(400);
		expect(answer.body.detail).toBe(
			`Target connection ${audienceTarget.id} params for flow spec ${FLOW_SPEC.s3Datasets} is invalid: $.datasetFileType: is missing but it is required`,
		);
		const wrongDestination = await client.post('/flows', { ...body, flowSpec: { id: '95bd8965-fc8a-4119-b9c3-944c2c2df6d2', version: '1.0' } });
		expect(wrongDestination.body.detail).toBe(
			'Flow spec 95bd8965-fc8a-4119-b9c3-944c2c2df6d2 ((Beta) Azure Blob Storage - Dataset) does not accept target connection spec 4fce964d-3f37-408f-9778-e597338a21ee; allowed: "6d6b59bf-fb58-4107-9064-4d246c0e5bb2"',
		);
		expect((await client.post('/flows', { ...body, flowSpec: { id: 'unknown' } })).body).toEqual({ message: 'Please provide a valid spec id' });
	});

	it('only exports datasets the sandbox lists as eligible', async () => {
		const body = seed<any>('000-source-connection.request.json');
		const answer = await client.post('/sourceConnections', { ...body, params: { datasets: [{ dataSetId: 'AAM Devices Data', name: 'AAM Devices Data' }] } });
		expect(answer.status).toBe(400);
		expect(answer.body.detail).toBe(
			`Dataset(s) "AAM Devices Data" are not eligible for export in sandbox ${SANDBOX} (see GET /connectionSpecs/${DATA_LAKE}/configs)`,
		);
	});
});

describe('runs', () => {
	const runsOf = async (flowId: string, extra: Record<string, string | string[]> = {}) =>
		(await client.get('/runs', { property: [`flowId==${flowId}`, ...[extra.property ?? []].flat()], ...(extra.limit ? { limit: extra.limit } : {}) })).body.items;
	const statusOf = (run: any) => run.metrics.statusSummary.status;

	it('starts every dataflow with a deterministic history, newest first, the newest still in progress', async () => {
		const flow = await datasetFlow('history');
		const runs = await runsOf(flow.id);
		expect(runs.map(statusOf)).toEqual(['inProgress', 'partialSuccess', 'failed', 'success']);
		// Spaced by the dataflow's 3-hour schedule, ending at its creation.
		expect(runs.map((run: any) => run.metrics.durationSummary.startedAtUTC)).toEqual([0, 1, 2, 3].map((i) => now - i * 3 * HOUR));
		expect(runs[0].metrics.durationSummary.completedAtUTC).toBeUndefined();
		expect(runs[2].metrics.statusSummary.errors).toEqual([{ code: 'ACTIVATION_BATCH-0000-FAILED', message: 'Job aborted.' }]);
		expect(runs[1].metrics.recordSummary.failedRecordCount).toBeGreaterThan(0);

		// Reading again gives the same runs (the in-progress one has one read left before it settles).
		const again = await runsOf(flow.id);
		expect(again.slice(1)).toEqual(runs.slice(1));
	});

	it('moves an in-progress run to its final status after the configured number of reads', async () => {
		const flow = await datasetFlow('settling');
		expect(statusOf((await runsOf(flow.id))[0])).toBe('inProgress');
		expect(statusOf((await runsOf(flow.id))[0])).toBe('inProgress');
		const settled = (await runsOf(flow.id))[0];
		expect(statusOf(settled)).toBe('success');
		expect(settled.metrics.durationSummary.completedAtUTC).toBeGreaterThan(settled.metrics.durationSummary.startedAtUTC);
		expect((await client.flow(flow.id)).lastRunDetails).toEqual({
			id: settled.id,
			state: 'success',
			startedAtUTC: settled.metrics.durationSummary.startedAtUTC,
			completedAtUTC: settled.metrics.durationSummary.completedAtUTC,
		});
	});

	it('adds runs through the control API, including runs that finish after a delay', async () => {
		const flow = await datasetFlow('injected');
		const failed = await http(`${sim.url}/__sim/flows/${flow.id}/runs`, { method: 'POST', body: JSON.stringify({ status: 'failed', startedAtUTC: now + 1000 }) });
		expect(failed.status).toBe(201);
		expect(failed.body).toMatchObject({ flowId: flow.id, metrics: { statusSummary: { status: 'failed' } } });
		const slow = await http(`${sim.url}/__sim/flows/${flow.id}/runs`, {
			method: 'POST',
			body: JSON.stringify({ status: 'inProgress', startedAtUTC: now + 2000, settle: { afterMs: 10 * 60_000, finalStatus: 'partialSuccess' } }),
		});
		expect((await client.get(`/runs/${slow.body.id}`)).body.items[0].metrics.statusSummary.status).toBe('inProgress');
		now += 11 * 60_000;
		const finished = (await client.get(`/runs/${slow.body.id}`)).body.items[0];
		expect(finished.metrics.statusSummary.status).toBe('partialSuccess');
		expect(finished.metrics.durationSummary.completedAtUTC).toBeLessThanOrEqual(now);
		expect((await runsOf(flow.id)).slice(0, 2).map((run: any) => run.id)).toEqual([slow.body.id, failed.body.id]);

		const unknownFlow = await http(`${sim.url}/__sim/flows/nope/runs`, { method: 'POST', body: JSON.stringify({ status: 'success' }) });
		expect(unknownFlow.status).toBe(404);
		const noStatus = await http(`${sim.url}/__sim/flows/${flow.id}/runs`, { method: 'POST', body: '{}' });
		expect(noStatus.status).toBe(400);
		// Casings other docs use are kept as given.
		expect(sim.addRun(flow.id, { status: 'Waiting' }).metrics).toMatchObject({ statusSummary: { status: 'Waiting' } });
	});

	it('filters by start time ranges in ms and pages at most 100 runs over continuation tokens', async () => {
		const flow = await datasetFlow('busy');
		const other = await datasetFlow('other');
		for (let index = 0; index < 120; index++) sim.addRun(flow.id, { status: 'success', startedAtUTC: START + (index + 1) * HOUR });
		const inRange = await client.get('/runs', {
			property: [`flowId==${flow.id}`, `metrics.durationSummary.startedAtUTC>${START + 10 * HOUR}`, `metrics.durationSummary.startedAtUTC<${START + 15 * HOUR}`],
		});
		expect(inRange.body.items.map((run: any) => run.metrics.durationSummary.startedAtUTC)).toEqual([14, 13, 12, 11].map((h) => START + h * HOUR));
		const inclusive = await client.get('/runs', { property: [`flowId==${flow.id}`, `metrics.durationSummary.startedAtUTC>=${START + 120 * HOUR}`] });
		expect(inclusive.body.items).toHaveLength(1);

		const first = await client.get('/runs', { property: `flowId==${flow.id}`, limit: '500' });
		expect(first.body.items).toHaveLength(100);
		const second = await http(`${sim.flowServiceUrl}${first.body._links.next.href}`, { headers: client.headers() });
		// 120 added + the 4 of the history.
		expect(second.body.items).toHaveLength(24);
		expect(second.body._links).toEqual({});
		const all = [...first.body.items, ...second.body.items].map((run: any) => run.metrics.durationSummary.startedAtUTC);
		expect(all).toEqual([...all].sort((a, b) => b - a));
		expect(new Set([...first.body.items, ...second.body.items].map((run: any) => run.flowId))).toEqual(new Set([flow.id]));
		expect((await client.get('/runs', { property: `flowId==${flow.id},${other.id}`, count: 'true' })).body).toEqual({ count: 128 });
		const badRange = await client.get('/runs', { property: 'metrics.durationSummary.startedAtUTC>yesterday' });
		expect(badRange.body.detail).toBe('Range filter value "yesterday" must be a number (epoch milliseconds for times)');
	});
});
