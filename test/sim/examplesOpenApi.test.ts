/**
 * Every OpenAPI request example of destinations.openapi.yaml POSTed/PATCHed against the simulation,
 * the answers compared with the OpenAPI response examples' keys (see examplesShared.ts).
 */
import { client, keysOf, sim, sorted, useExampleSimulation, withoutKeys } from './examplesShared';
import { ETAG, FLOW_SPEC, SANDBOX, SPEC, fillPlaceholders, http, itemKeys, seed, seedFiles } from './helpers';

useExampleSimulation();

describe('OpenAPI request examples (destinations.openapi.yaml)', () => {
	const created: Record<string, string> = {};
	const etags: Record<string, string> = {};

	it.each(seedFiles(/^openapi-postTargetBaseConnection\.request\./))('POST /connections %s', async (file) => {
		const answer = await client.post('/connections', fillPlaceholders(seed(file)));
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('openapi-postTargetBaseConnection.response-201.Create_Base_Connection_Response.json')));
		expect(answer.body.etag).toMatch(ETAG);
		created[file] = answer.body.id;
	});

	it.each(seedFiles(/^openapi-postSourceConnection\.request\./))('POST /sourceConnections %s', async (file) => {
		const body = seed<any>(file);
		if (body.params?.datasets) {
			// The example's datasets (one ID is not even hexadecimal) exist only in Adobe's sample org.
			const registered = await http(`${sim.url}/__sim/datasets`, {
				method: 'POST',
				body: JSON.stringify({ sandbox: SANDBOX, datasets: body.params.datasets.map((d: any) => ({ id: d.dataSetId, name: d.name })) }),
			});
			expect(registered.status).toBe(201);
		}
		const answer = await client.post('/sourceConnections', body);
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('openapi-postSourceConnection.response-201.Create_Source_Connection_Response.json')));
		created[file] = answer.body.id;
	});

	it.each(seedFiles(/^openapi-postTargetConnection\.request\./))('POST /targetConnections %s', async (file) => {
		const body = seed<any>(file);
		// The example's base connection exists only in Adobe's sandbox: use one made here for the same spec.
		const base =
			body.connectionSpec.id === SPEC.s3
				? created['openapi-postTargetBaseConnection.request.Create_S3_Base_Connection.json']
				: (await client.create('/connections', fillPlaceholders(seed('002-base-connection-sftp-password-legacy.request.json')))).id;
		const answer = await client.post('/targetConnections', { ...body, baseConnectionId: base });
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('openapi-postTargetConnection.response-201.Create_Base_Connection_Response.json')));
		created[file] = answer.body.id;
	});

	const FLOW_INPUTS: Record<string, { flowSpec: string; source: string; target: string }> = {
		Create_Batch_Destination_Flow: {
			flowSpec: FLOW_SPEC.s3Audiences,
			source: 'openapi-postSourceConnection.request.Create_Source_Connection_Profile_Store.json',
			target: 'openapi-postTargetConnection.request.Create_S3_Target_Connection_Segment.json',
		},
		Create_Batch_Destination_Flow_Dataset_V2: {
			flowSpec: FLOW_SPEC.s3Datasets,
			source: 'openapi-postSourceConnection.request.Create_Source_Connection_Data_Lake.json',
			target: 'openapi-postTargetConnection.request.Create_S3_Target_Connection_Dataset.json',
		},
		Create_Batch_Destination_Flow_Segment_V2: {
			flowSpec: FLOW_SPEC.s3Audiences,
			source: 'openapi-postSourceConnection.request.Create_Source_Connection_Profile_Store.json',
			target: 'openapi-postTargetConnection.request.Create_S3_Target_Connection_Segment.json',
		},
	};

	it.each(seedFiles(/^openapi-postFlow\.request\./))('POST /flows %s', async (file) => {
		const name = file.split('.')[2];
		const inputs = FLOW_INPUTS[name];
		expect(inputs).toBeDefined();
		const answer = await client.post(
			'/flows',
			fillPlaceholders(seed(file), {
				'{FLOW_SPEC_ID}': inputs.flowSpec,
				'{SOURCE_CONNECTION_ID}': created[inputs.source],
				'{TARGET_CONNECTION_ID}': created[inputs.target],
			}),
		);
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('openapi-postFlow.response-201.Create_Flow_Response.json')));
		created[name] = answer.body.id;
		etags[name] = answer.body.etag;

		const flow = await client.flow(answer.body.id);
		const reference = seed<any>(
			name === 'Create_Batch_Destination_Flow_Dataset_V2'
				? 'openapi-getFlowById.response-200.Batch_Flow_Dataset_Schedule_V2.json'
				: 'openapi-getFlowById.response-200.Batch_Flow_Daily_Full_Once_Scheduled.json',
		);
		// The reference dataset flow has a schedule; the example creating one sends none.
		expect(keysOf(flow)).toEqual(withoutKeys(itemKeys(reference), name.endsWith('Dataset_V2') ? ['scheduleParams'] : []));
		expect(keysOf(flow.inheritedAttributes.sourceConnections[0])).toEqual(
			keysOf(reference.items[0].inheritedAttributes.sourceConnections[0]),
		);
	});

	it('POST /flows seed 000 S3 dataset flow (with the schedule the schedule PATCH example replaces)', async () => {
		const answer = await client.post(
			'/flows',
			fillPlaceholders(seed('000-dataflow-amazon-s3.request.json'), {
				'<FROM_STEP_CREATE_SOURCE_CONNECTION>': created['openapi-postSourceConnection.request.Create_Source_Connection_Data_Lake.json'],
				'<FROM_STEP_CREATE_TARGET_CONNECTION>': created['openapi-postTargetConnection.request.Create_S3_Target_Connection_Dataset.json'],
			}),
		);
		expect(answer.status).toBe(201);
		created.scheduledDatasetFlow = answer.body.id;
		etags.scheduledDatasetFlow = answer.body.etag;
	});

	const selectorsOf = (flow: any, kind: string) => flow.transformations[0].params[kind].selectors;
	/** The example appends one audience: it is now the last selector. */
	const appendsSegment = (flow: any, operations: any[]) => expect(selectorsOf(flow, 'segmentSelectors').at(-1)).toEqual(operations[0].value);

	/** Which flow each PATCH example applies to and what it must have changed. */
	const PATCHES: Record<string, { flow: string; check: (flow: any, operations: any[]) => void }> = {
		Batch_Flow_Daily_Full_Once_Scheduled: { flow: 'Create_Batch_Destination_Flow', check: appendsSegment },
		Batch_Flow_External_Audience_Daily_Full_Once_Scheduled: { flow: 'Create_Batch_Destination_Flow', check: appendsSegment },
		Batch_Flow_Enrichment_Info_Daily_Full_Once_Scheduled: { flow: 'Create_Batch_Destination_Flow', check: appendsSegment },
		Batch_Flow_Daily_Full_Once_Chained: { flow: 'Create_Batch_Destination_Flow', check: appendsSegment },
		Add_Profile_Selectors: {
			flow: 'Create_Batch_Destination_Flow',
			// add firstName, add lastName, then remove /0: only lastName stays.
			check: (flow) => expect(selectorsOf(flow, 'profileSelectors').map((s: any) => s.value.path)).toEqual(['person.name.lastName']),
		},
		Update_Source_Connection: {
			flow: 'Create_Batch_Destination_Flow_Dataset_V2',
			check: (flow) => expect(flow.sourceConnectionIds).toEqual([created.replacementSource]),
		},
		Update_Dataset_Schedule: {
			// "replace" needs an existing schedule: the API reference's own create example sends none.
			flow: 'scheduledDatasetFlow',
			check: (flow) => expect(flow.scheduleParams).toEqual({ interval: 3, timeUnit: 'hour', startTime: 1668470400, endTime: 1668479500 }),
		},
		Patch_Profile_Mapping: {
			flow: 'Create_Batch_Destination_Flow_Segment_V2',
			check: (flow) => expect(flow.transformations[0].params.profileMapping).toEqual({ mappingId: '7acb0b72008d4ca1982970041834d40e', mappingVersion: 0 }),
		},
		Patch_Primary_Fields: {
			flow: 'Create_Batch_Destination_Flow_Segment_V2',
			check: (flow) => expect(flow.transformations[0].params.primaryFields).toEqual([{ identityNamespace: 'GAID', fieldType: 'IDENTITY' }]),
		},
		Patch_Mandatory_Fields: {
			flow: 'Create_Batch_Destination_Flow_Segment_V2',
			check: (flow) => expect(flow.transformations[0].params.mandatoryFields).toEqual(['GAID']),
		},
	};

	it('has a target flow for every PATCH example', () => {
		const names = seedFiles(/^openapi-patchFlowById\.request\./).map((file) => file.split('.')[2]);
		expect(sorted(names)).toEqual(sorted(Object.keys(PATCHES)));
	});

	it.each(seedFiles(/^openapi-patchFlowById\.request\./))('PATCH /flows/{id} %s', async (file) => {
		const name = file.split('.')[2];
		const { flow: flowName, check } = PATCHES[name];
		let operations = seed<any[]>(file);
		if (name === 'Update_Source_Connection') {
			// The example's source connection exists only in Adobe's sandbox.
			created.replacementSource = (await client.create('/sourceConnections', seed('000-source-connection.request.json'))).id;
			operations = [{ ...operations[0], value: [created.replacementSource] }];
		}
		const answer = await client.patch(created[flowName], operations, etags[flowName]);
		expect(answer.status).toBe(200);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('openapi-patchFlowById.response-200.Patch_Flow_Response.json')));
		expect(answer.body.id).toBe(created[flowName]);
		expect(answer.body.etag).toMatch(ETAG);
		expect(answer.body.etag).not.toBe(etags[flowName]);
		etags[flowName] = answer.body.etag;
		const flow = await client.flow(created[flowName]);
		expect(flow.etag).toBe(answer.body.etag);
		expect(flow.lastOperation).toMatchObject({ operation: 'update', ops: operations });
		check(flow, operations);
	});
});
