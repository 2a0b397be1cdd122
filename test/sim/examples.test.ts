/**
 * The simulation against Adobe's own examples, so that it cannot drift into agreeing with our bugs:
 * every OpenAPI request example and every seed request body is POSTed/PATCHed for real, and the
 * answers are compared with the OpenAPI response examples' keys.
 *
 * Adobe's examples are not self-consistent; what these tests had to accept (also in sim/README.md):
 * - placeholders (`<Add secret key>`, `{FLOW_SPEC_ID}`, `<FROM_STEP_…>`) and IDs of resources that
 *   exist only in Adobe's sandbox are replaced by valid values / resources created here first;
 * - the OpenAPI Data Lake source example exports datasets that are in no dataset listing: they are
 *   registered with `POST /__sim/datasets` first;
 * - where an example contradicts the catalogue (seed 004's CSV targets without the required
 *   `container`/`remotePath`, seed 004's audience flows on the dataset flow specs of ADLS/DLZ/GCS),
 *   the simulation follows the catalogue and the test pins the rejection and its reason.
 */
import type { Simulation } from '../../sim/index';
import {
	DATA_LAKE,
	ETAG,
	FLOW_SPEC,
	FlowClient,
	PROFILE_STORE,
	SANDBOX,
	SPEC,
	allowOnlyLocalhost,
	fillPlaceholders,
	http,
	itemKeys,
	readFixture,
	seed,
	seedFiles,
	startTestSimulation,
} from './helpers';

allowOnlyLocalhost();

let sim: Simulation;
let client: FlowClient;

beforeAll(async () => {
	// Completed runs only, so lastRunDetails has every key of the API reference's flows.
	sim = await startTestSimulation({ initialRuns: ['failed', 'success'] });
	client = await new FlowClient(sim).login();
});
afterAll(async () => await sim.close());

const sorted = (keys: string[]) => [...keys].sort();
const keysOf = (value: object) => sorted(Object.keys(value));
const withoutKeys = (keys: string[], drop: string[]) => keys.filter((key) => !drop.includes(key));

interface EntityExamples {
	operations: Record<string, { responses: Record<string, Record<string, any>> }>;
}
const entityExamples = readFixture<EntityExamples>('openapi', 'entity-responses.json').operations;
const example200 = (operation: string, name: string) => entityExamples[operation].responses['200'][name];

const DESTINATIONS = [
	{ slug: 'amazon-s3', spec: SPEC.s3, bases: ['amazon-s3'] },
	{ slug: 'azure-blob', spec: SPEC.blob, bases: ['azure-blob'] },
	{ slug: 'adls-gen2', spec: SPEC.adls, bases: ['adls-gen2'] },
	{ slug: 'data-landing-zone', spec: SPEC.dlz, bases: ['data-landing-zone'] },
	{ slug: 'google-cloud-storage', spec: SPEC.gcs, bases: ['google-cloud-storage'] },
	{ slug: 'sftp', spec: SPEC.sftp, bases: ['sftp-password', 'sftp-ssh-key'] },
];

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

describe('seed 002: activate audiences through the legacy batch destinations', () => {
	it('creates the Profile Store connections, legacy destinations, a dataflow and activates it', async () => {
		const profileBase = await client.create(
			'/connections',
			fillPlaceholders(seed('002-base-connection-profile-store.request.json'), { '{CONNECTION_SPEC_ID}': PROFILE_STORE }),
		);
		const source = await client.create(
			'/sourceConnections',
			fillPlaceholders(seed('002-source-connection-profile-store.request.json'), {
				'{CONNECTION_SPEC_ID}': PROFILE_STORE,
				'{BASE_CONNECTION_ID}': profileBase.id,
			}),
		);
		const targets: string[] = [];
		for (const legacy of ['amazon-s3', 'azure-blob', 'sftp']) {
			const baseFile = legacy === 'sftp' ? 'sftp-password' : legacy;
			const base = await client.create('/connections', fillPlaceholders(seed(`002-base-connection-${baseFile}-legacy.request.json`)));
			const target = await client.create(
				'/targetConnections',
				fillPlaceholders(seed(`002-target-connection-${legacy}-legacy.request.json`), {
					'{BASE_CONNECTION_ID}': base.id,
					'{BUCKET_NAME}': 'example-bucket',
					'{FILEPATH}': 'exports',
					'{CONTAINER}': 'example-container',
					'{REMOTE_PATH}': '/exports',
				}),
			);
			targets.push(target.id);
		}
		const flowAnswer = await client.post(
			'/flows',
			fillPlaceholders(seed('002-dataflow.request.json'), {
				'{FLOW_SPEC_ID}': FLOW_SPEC.legacyCloudStorage,
				'{SOURCE_CONNECTION_ID}': source.id,
				'{TARGET_CONNECTION_ID}': targets[0],
			}),
		);
		expect(flowAnswer.status).toBe(201);
		// Seed 002 shows an etag without inner quotes; the simulation answers the API reference's form.
		expect(flowAnswer.body.etag).toMatch(ETAG);

		const ids = { '{SEGMENT_ID}': 'b1cbaff7-e7c6-417e-ab54-71d302595785', '{PROFILE_ATTRIBUTE}': 'person.name.firstName' };
		const activate = await client.patch(flowAnswer.body.id, fillPlaceholders(seed('002-patch-activate.request.json'), ids), flowAnswer.body.etag);
		expect(activate.status).toBe(200);
		const more = await client.patch(
			flowAnswer.body.id,
			fillPlaceholders(seed('002-patch-add-segments.request.json'), ids),
			activate.body.etag,
		);
		expect(more.status).toBe(200);
		const attribute = await client.patch(
			flowAnswer.body.id,
			fillPlaceholders(seed('002-patch-add-profile-attribute.request.json'), { ...ids, '{PROFILE_ATTRIBUTE}': 'person.name.lastName' }),
			more.body.etag,
		);
		expect(attribute.status).toBe(200);

		// Seed 002's "validate the dataflow" step is a GET (its curl says PATCH).
		const flow = await client.flow(flowAnswer.body.id);
		const fragment = seed<any>('002-validate-dataflow.response-fragment.json');
		expect(keysOf(flow.transformations[0].params)).toEqual(
			withoutKeys(keysOf(fragment.transformations[0].params), ['mandatoryFields', 'primaryFields']),
		);
		expect(flow.transformations[0].params.segmentSelectors.selectors).toHaveLength(4);
		expect(flow.transformations[0].params.profileSelectors.selectors.map((s: any) => s.value.path)).toEqual([
			'person.name.firstName',
			'person.name.lastName',
		]);
		expect(flow.inheritedAttributes.sourceConnections[0]).toEqual({
			id: source.id,
			connectionSpec: { id: PROFILE_STORE, version: '1.0' },
			baseConnection: { id: profileBase.id, connectionSpec: { id: PROFILE_STORE, version: '1.0' } },
			typeInfo: { type: 'ProfileFragments', id: 'ups' },
		});
	});

	it('can answer PATCH with 202 and no body, as seed 002 describes', async () => {
		const seedSim = await startTestSimulation({ patchResponse: 'seed', initialRuns: [] });
		try {
			const seedClient = await new FlowClient(seedSim).login();
			const source = await seedClient.create('/sourceConnections', seed('004-source-connection.request.json'));
			const base = await seedClient.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
			const target = await seedClient.create(
				'/targetConnections',
				fillPlaceholders(seed('004-target-connection-amazon-s3.request.json'), { '<FROM_STEP_CREATE_BASE_CONNECTION>': base.id }),
			);
			// Seed 004's Blob dataflow is the one with a transformation; here it runs on the S3 audience spec.
			const s3Flow = await seedClient.create('/flows', {
				...fillPlaceholders(seed<any>('004-dataflow-azure-blob.request.json'), {
					'<FROM_STEP_CREATE_SOURCE_CONNECTION>': source.id,
					'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
				}),
				flowSpec: { id: FLOW_SPEC.s3Audiences, version: '1.0' },
			});
			const answer = await seedClient.patch(s3Flow.id, seed('004-patch-mandatory-key.request.json'), s3Flow.etag);
			expect(answer.status).toBe(202);
			expect(answer.body).toBeUndefined();
			expect((await seedClient.flow(s3Flow.id)).transformations[0].params.mandatoryFields).toEqual(['GAID']);
		} finally {
			await seedSim.close();
		}
	});
});

describe('seed 004: activate audiences to file destinations', () => {
	let sourceId: string;
	const bases: Record<string, string> = {};

	beforeAll(async () => {
		const answer = await client.post('/sourceConnections', seed('004-source-connection.request.json'));
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('004-source-connection.response.json')));
		sourceId = answer.body.id;
		const source = (await client.get(`/sourceConnections/${sourceId}`)).body.items[0];
		// The reference Profile Store source connection was created without the optional description.
		expect(keysOf(source)).toEqual(sorted([...itemKeys(example200('getSourceConnectionById', 'SourceConnectionsResponseUPS')), 'description']));
		for (const destination of DESTINATIONS) {
			const baseFile = destination.slug === 'sftp' ? 'sftp-password' : destination.slug;
			bases[destination.slug] = (
				await client.create('/connections', fillPlaceholders(seed(`000-base-connection-${baseFile}.request.json`)))
			).id;
		}
	});

	it('creates the SFTP base connection with PGP encryption and masks its secrets', async () => {
		const answer = await client.post('/connections', fillPlaceholders(seed('004-base-connection-sftp-ssh-key-encryption.request.json')));
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('004-base-connection-encryption.response.json')));
		const connection = (await client.get(`/connections/${answer.body.id}`)).body.items[0];
		expect(connection.auth.params.sshKey).toBe('********');
		expect(connection.encryptionSpecs).toEqual([
			{ specName: 'Encryption spec', params: { encryptionAlgo: 'PGPGPG', publicKey: 'LS0tLS1CRUdJTiBQR1AgUFVCTElDIEtFWSBCTE9DSy0tLS0t' } },
		]);
	});

	/** Seed 004's CSV examples copy S3's bucketName/path to every destination (a documentation bug). */
	const REJECTED_TARGETS: Record<string, string> = {
		'004-target-connection-azure-blob-csv.request.json': '$.container: is missing but it is required',
		'004-target-connection-sftp-csv.request.json': '$.remotePath: is missing but it is required',
	};

	it.each(seedFiles(/^004-target-connection-.*\.request\.json$/))('POST /targetConnections %s', async (file) => {
		const slug = DESTINATIONS.find((destination) => file.startsWith(`004-target-connection-${destination.slug}`))!.slug;
		const answer = await client.post(
			'/targetConnections',
			fillPlaceholders(seed(file), { '<FROM_STEP_CREATE_BASE_CONNECTION>': bases[slug] }),
		);
		if (REJECTED_TARGETS[file]) {
			expect(answer.status).toBe(400);
			expect(answer.body.detail).toContain(REJECTED_TARGETS[file]);
			return;
		}
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('004-target-connection.response.json')));
	});

	/** Seed 004 uses the dataset flow specs of ADLS, DLZ and GCS for audiences; the catalogue gives them a Data Lake source. */
	const REJECTED_FLOWS = ['adls-gen2', 'data-landing-zone', 'google-cloud-storage'];

	it.each(DESTINATIONS.map((destination) => destination.slug))('POST /flows 004-dataflow-%s.request.json', async (slug) => {
		const target = await client.create(
			'/targetConnections',
			fillPlaceholders(seed(`004-target-connection-${slug}.request.json`), { '<FROM_STEP_CREATE_BASE_CONNECTION>': bases[slug] }),
		);
		const body = fillPlaceholders(seed<any>(`004-dataflow-${slug}.request.json`), {
			'<FROM_STEP_CREATE_SOURCE_CONNECTION>': sourceId,
			'<FROM_STEP_CREATE_TARGET_CONNECTION>': target.id,
		});
		const answer = await client.post('/flows', body);
		if (REJECTED_FLOWS.includes(slug)) {
			expect(answer.status).toBe(400);
			expect(answer.body.detail).toBe(
				`Flow spec ${body.flowSpec.id} (${(await client.get(`/flowSpecs/${body.flowSpec.id}`)).body.items[0].name}) does not accept source connection spec ${PROFILE_STORE}; allowed: "${DATA_LAKE}"`,
			);
			return;
		}
		expect(answer.status).toBe(201);
		expect(keysOf(answer.body)).toEqual(keysOf(seed('004-dataflow.response.json')));
		if (slug !== 'azure-blob') return;

		// Only the Blob example creates the transformation the PATCH examples write into.
		let etag = answer.body.etag;
		for (const file of [
			'004-patch-profile-mapping.request.json',
			'004-patch-mandatory-key.request.json',
			'004-patch-deduplication-key.request.json',
			'004-patch-marketing-action.request.json',
		]) {
			const patched = await client.patch(answer.body.id, seed(file), etag);
			expect(patched.status).toBe(200);
			expect(keysOf(patched.body)).toEqual(keysOf(seed('004-patch.response.json')));
			etag = patched.body.etag;
		}
		const flow = await client.flow(answer.body.id);
		expect(flow.transformations[0].params).toEqual({
			mandatoryFields: ['GAID'],
			primaryFields: [{ identityNamespace: 'GAID', fieldType: 'IDENTITY' }],
			profileMapping: { mappingId: '304ca6a2fff244949c956cad1cd9eae6', mappingVersion: 0 },
			segmentSelectors: { selectors: [] },
		});
		expect(flow.policy).toEqual({ enforcementRefs: ['/dulepolicy/marketingActions/custom/6b935bc8-bb9e-451b-a327-0ffddfb91e66/constraints'] });
	});
});
