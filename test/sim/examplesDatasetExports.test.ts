/**
 * Seed 000 against the simulation: export datasets to every destination with Adobe's own request
 * bodies, the answers compared with the examples' keys (see examplesShared.ts for what is accepted).
 */
import { DESTINATIONS, client, example200, keysOf, useExampleSimulation } from './examplesShared';
import { DATA_LAKE, ETAG, SANDBOX, fillPlaceholders, itemKeys, seed } from './helpers';

useExampleSimulation();

describe('seed 000: export datasets to every destination', () => {
	let sourceConnectionId: string;

	beforeAll(async () => {
		const answer = await client.post('/sourceConnections', seed('000-source-connection.request.json'));
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('000-source-connection.response.json')));
		expect(answer.body.etag).toMatch(ETAG);
		sourceConnectionId = answer.body.id;
	});

	it('lists the eligible datasets with the seed query, in the seed shape', async () => {
		const expected = seed<any>('000-datasets.response.json');
		const answer = await client.get(`/connectionSpecs/${DATA_LAKE}/configs`, {
			outputType: 'activationDatasets',
			outputField: 'datasets',
			start: '0',
			limit: '20',
			properties: 'name,state',
		});
		expect(answer.status).toBe(200);
		expect(keysOf(answer.body)).toEqual(keysOf(expected));
		expect(answer.body.items.slice(0, 5)).toEqual(expected.items);
		expect(answer.body.pageInfo).toEqual({ start: 0, end: 19, total: expected.pageInfo.total, hasNext: true });
	});

	it.each(DESTINATIONS.flatMap(({ slug, spec, bases }) => bases.map((base) => ({ slug, spec, base }))))(
		'$base: base connection, target connection and dataflow are created',
		async ({ slug, spec, base }) => {
			const baseAnswer = await client.post('/connections', fillPlaceholders(seed(`000-base-connection-${base}.request.json`)));
			expect(baseAnswer.status).toBe(201);
			expect(keysOf(baseAnswer.body)).toEqual(keysOf(seed('000-base-connection.response.json')));
			expect(baseAnswer.body.etag).toMatch(ETAG);

			const target = await client.create(
				'/targetConnections',
				fillPlaceholders(seed(`000-target-connection-${slug}.request.json`), {
					'<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': baseAnswer.body.id,
				}),
			);
			const flowBody = fillPlaceholders(seed<any>(`000-dataflow-${slug}.request.json`), {
				'<FROM_STEP_CREATE_SOURCE_CONNECTION>': sourceConnectionId,
				'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
			});
			const flowAnswer = await client.post('/flows', flowBody);
			expect(flowAnswer.status).toBe(201);
			expect(keysOf(flowAnswer.body)).toEqual(keysOf(seed(`000-dataflow-${slug}.response.json`)));
			expect(flowAnswer.body.etag).toMatch(ETAG);

			const flow = await client.flow(flowAnswer.body.id);
			const reference = seed<any>('openapi-getFlowById.response-200.Batch_Flow_Dataset_Schedule_V2.json');
			expect(keysOf(flow)).toEqual(itemKeys(reference));
			expect(flow).toMatchObject({
				name: flowBody.name,
				flowSpec: flowBody.flowSpec,
				state: 'enabled',
				etag: flowAnswer.body.etag,
				version: flowAnswer.body.etag,
				sourceConnectionIds: [sourceConnectionId],
				targetConnectionIds: [target.id],
				scheduleParams: flowBody.scheduleParams,
				transformations: [],
				runs: `/runs?property=flowId==${flow.id}`,
				sandboxName: SANDBOX,
			});
			const referenceFlow = reference.items[0];
			expect(keysOf(flow.inheritedAttributes)).toEqual(keysOf(referenceFlow.inheritedAttributes));
			expect(keysOf(flow.inheritedAttributes.sourceConnections[0])).toEqual(keysOf(referenceFlow.inheritedAttributes.sourceConnections[0]));
			expect(keysOf(flow.inheritedAttributes.targetConnections[0])).toEqual(keysOf(referenceFlow.inheritedAttributes.targetConnections[0]));
			expect(flow.inheritedAttributes.targetConnections[0]).toEqual({
				id: target.id,
				connectionSpec: { id: spec, version: '1.0' },
				// The DLZ base connection names no spec (seed 000): the target's stands in.
				baseConnection: { id: baseAnswer.body.id, connectionSpec: { id: spec, version: '1.0' } },
			});
			expect(keysOf(flow.lastOperation)).toEqual(keysOf(referenceFlow.lastOperation));
			expect(keysOf(flow.lastRunDetails)).toEqual(keysOf(referenceFlow.lastRunDetails));
		},
	);

	it('answers runs of a dataflow with the keys of the API reference runs', async () => {
		const flows = await client.get('/flows', { property: 'flowSpec.id==269ba276-16fc-47db-92b0-c1049a3c131f' });
		const flowId = flows.body.items[0].id;
		const answer = await client.get('/runs', { property: `flowId==${flowId}` });
		expect(answer.status).toBe(200);
		const [success, failed] = answer.body.items;
		const successExample = seed<any>('openapi-getFlowRuns.response-200.Batch_Flow_Run.json').items[0];
		const failureExample = seed<any>('openapi-getFlowRuns.response-200.Batch_Flow_Run_Failure.json').items[0];
		for (const [run, reference, status] of [
			[success, successExample, 'success'],
			[failed, failureExample, 'failed'],
		]) {
			expect(run.flowId).toBe(flowId);
			expect(keysOf(run)).toEqual(keysOf(reference));
			expect(keysOf(run.metrics)).toEqual(keysOf(reference.metrics));
			expect(keysOf(run.metrics.statusSummary)).toEqual(keysOf(reference.metrics.statusSummary));
			expect(run.metrics.statusSummary.status).toBe(status);
			expect(keysOf(run.activities[0])).toEqual(keysOf(reference.activities[0]));
			expect(run.metrics.recordSummary.sourceSummaries[0]).toEqual(
				expect.objectContaining({ id: expect.any(String), entitySummaries: [expect.objectContaining({ id: 'dataset:5ef3e3259ad2a1191ab7dd7d' })] }),
			);
			expect(run.etag).toMatch(ETAG);
		}
		expect(failed.metrics.statusSummary.errors).toEqual(failureExample.metrics.statusSummary.errors);
	});

	it('answers GET by ID for each entity with the keys of the API reference examples', async () => {
		const [connection] = (await client.get('/connections', { property: 'name==Amazon S3 Base Connection' })).body.items;
		const s3Example = example200('getConnectionById', 'Amazon_S3_Connection_V2').items[0];
		const byId = await client.get(`/connections/${connection.id}`);
		expect(byId.body.items).toEqual([connection]);
		expect(keysOf(connection)).toEqual(keysOf(s3Example));
		expect(keysOf(connection.auth.params)).toEqual(keysOf(s3Example.auth.params));
		expect(connection.auth).toEqual({
			specName: 'Access Key',
			params: { s3AccessKey: 'AKIAIOSFODNN7EXAMPLE', s3SecretKey: '********', authorizedDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) },
		});

		const [target] = (await client.get('/targetConnections', { property: 'name==Amazon S3 Target Connection' })).body.items;
		expect(keysOf(target)).toEqual(itemKeys(example200('getTargetConnectionById', 'Amazon_S3_Target_Connection_Dataset_V2')));

		const [source] = (await client.get('/sourceConnections', { property: 'name==Connecting to Data Lake' })).body.items;
		expect(keysOf(source)).toEqual(itemKeys(example200('getSourceConnectionById', 'SourceConnectionsResponseDataLake')));
		expect(source.inheritedAttributes.baseConnection).toEqual({ id: source.baseConnectionId, connectionSpec: { id: DATA_LAKE, version: '1.0' } });
	});
});
