/**
 * Seed 004 against the simulation: activate audiences to file destinations, with Adobe's own request
 * bodies; where they contradict the catalogue the rejection is pinned (see examplesShared.ts).
 */
import { DESTINATIONS, client, example200, keysOf, sorted, useExampleSimulation } from './examplesShared';
import { DATA_LAKE, PROFILE_STORE, fillPlaceholders, itemKeys, seed, seedFiles } from './helpers';

useExampleSimulation();

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
