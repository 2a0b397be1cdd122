/** Target Connection → Create: POST /targetConnections equals the examples of Adobe's tutorials. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { EMPTY_STRING_OPTION } from '../../../nodes/AdobeExperiencePlatform/domain/schema/fields';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, resetNock } from '../../harness/aep';
import { connectionSpecFixture, destinationPicked, expectConnectionSpec, expectFlowSpecs, fillPlaceholders, fixture } from '../../harness/fixtures';
import { CREATED, BASE_CONNECTION_ID, PLACEHOLDERS, DATASET_FLOW_SPECS, AUDIENCE_FLOW_SPECS, LOCATION, nodeParameters, expectCreate, runTarget, compressJson, BODY_CASES } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('POST /targetConnections equals the seeds\' examples', () => {
	test.each(BODY_CASES)('$seed ($exportType)', async ({ slug, exportType, seed, change }) => {
		const spec = connectionSpecFixture(slug);
		const expected = fillPlaceholders(fixture(`seed-examples/${seed}.json`), PLACEHOLDERS);
		change?.(expected);
		expected.baseConnectionId = BASE_CONNECTION_ID;
		expectConnectionSpec(spec);
		expectFlowSpecs();
		const sent = expectCreate();

		const result = await runTarget(nodeParameters(spec, exportType, expected as { name: string; params: IDataObject }));

		assertAllRequestsMade();
		expect(result.error('Target')).toBeUndefined();
		expect(sent).toEqual([expected]);
		const flowSpecId = (exportType === 'datasets' ? DATASET_FLOW_SPECS : AUDIENCE_FLOW_SPECS)[slug];
		expect(result.output('Target').map((item) => item.json)).toEqual([
			{
				id: CREATED.id,
				etag: CREATED.etag,
				name: expected.name,
				created: true,
				connectionSpec: { id: spec.id, version: '1.0' },
				destination: spec.name,
				baseConnectionId: BASE_CONNECTION_ID,
				params: expected.params,
				exportType,
				flowSpec: { id: flowSpecId, version: '1.0' },
			},
		]);
	});

	test('the Base Connection ID comes from the previous node by default, and the catalogue is read once for all items (1 + 1 + 2 requests)', async () => {
		const spec = connectionSpecFixture('sftp');
		const expected = fillPlaceholders(fixture('seed-examples/000-target-connection-sftp.request.json'), PLACEHOLDERS);
		compressJson(expected);
		expectConnectionSpec(spec);
		expectFlowSpecs();
		const sent = expectCreate(2);
		const parameters = nodeParameters(spec, 'datasets', expected as { name: string; params: IDataObject });
		delete parameters.baseConnectionId; // the node's default: empty, so the incoming item's id
		const other = 'a1b2c3d4-0000-4000-8000-000000000002';

		const result = await runTarget(parameters, [{ id: BASE_CONNECTION_ID }, { id: other }]);

		assertAllRequestsMade();
		expect(sent.map((body) => body.baseConnectionId)).toEqual([BASE_CONNECTION_ID, other]);
		expect(result.output('Target').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('CSV options are dropped when the file type is not CSV (their conditional), and datasetFileType from a stale mapping in an audience export', async () => {
		const spec = connectionSpecFixture('amazon-s3');
		expectConnectionSpec(spec);
		expectFlowSpecs();
		const sent = expectCreate();
		const params = {
			...LOCATION['amazon-s3'],
			fileType: 'PARQUET',
			compression: 'NONE',
			'csvOptions.delimiter': ';',
			'csvOptions.quote': EMPTY_STRING_OPTION,
			datasetFileType: 'JSON',
		};

		const result = await runTarget({
			exportType: 'audiences',
			destination: destinationPicked(spec),
			name: 'Parquet audiences',
			baseConnectionId: BASE_CONNECTION_ID,
			targetParameters: { mappingMode: 'defineBelow', value: params },
			mode: 'Server-to-server',
			ifExists: 'create',
		});

		assertAllRequestsMade();
		expect(result.error('Target')).toBeUndefined();
		expect(sent[0].params).toEqual({
			mode: 'Server-to-server',
			bucketName: 'your-bucket-name',
			path: 'folder/subfolder',
			fileType: 'PARQUET',
			compression: 'NONE',
		});
	});
});

describe('audience exports offer Adobe\'s manifest file option', () => {
	test('Include Manifest File sends params.includeFileManifest: true; a dataset export never sends it', async () => {
		const s3 = connectionSpecFixture('amazon-s3');
		const base = {
			destination: destinationPicked(s3),
			name: 'Manifest',
			baseConnectionId: BASE_CONNECTION_ID,
			mode: 'Server-to-server',
			ifExists: 'create',
			options: { includeFileManifest: true },
		};
		// Two executions: the catalogue is read once and kept for the second.
		expectConnectionSpec(s3);
		expectFlowSpecs();
		const sent = expectCreate(2);

		const audiences = await runTarget({
			...base,
			exportType: 'audiences',
			targetParameters: { mappingMode: 'defineBelow', value: { ...LOCATION['amazon-s3'], fileType: 'PARQUET', compression: 'GZIP' } },
		});
		const datasets = await runTarget({
			...base,
			exportType: 'datasets',
			targetParameters: { mappingMode: 'defineBelow', value: { ...LOCATION['amazon-s3'], datasetFileType: 'PARQUET', compression: 'GZIP' } },
		});

		expect(audiences.error('Target')).toBeUndefined();
		expect(datasets.error('Target')).toBeUndefined();
		assertAllRequestsMade();
		expect(sent[0].params).toEqual({
			mode: 'Server-to-server',
			...LOCATION['amazon-s3'],
			fileType: 'PARQUET',
			compression: 'GZIP',
			includeFileManifest: true,
		});
		expect(sent[1].params).not.toHaveProperty('includeFileManifest');
	});
});
