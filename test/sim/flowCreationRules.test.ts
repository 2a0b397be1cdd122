/**
 * The dataflow rules the simulation enforces at creation, over real HTTP.
 */
import { client, datasetFlow, useFlowSimulation } from './flowsShared';
import { DATA_LAKE, FLOW_SPEC, SANDBOX, fillPlaceholders, seed } from './helpers';

useFlowSimulation();

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
