/**
 * Seed 002 against the simulation: activate audiences through the legacy batch destinations, with
 * Adobe's own request bodies (see examplesShared.ts for what is accepted).
 */
import { client, keysOf, useExampleSimulation, withoutKeys } from './examplesShared';
import {
	ETAG,
	FLOW_SPEC,
	FlowClient,
	PROFILE_STORE,
	fillPlaceholders,
	seed,
	startTestSimulation,
} from './helpers';

useExampleSimulation();

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
