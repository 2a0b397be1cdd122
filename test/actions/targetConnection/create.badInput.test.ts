/** Target Connection → Create: bad input fails before anything is sent; if one with this name already exists. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectNameLookup, resetNock } from '../../harness/aep';
import { DESTINATION_SLUGS, connectionSpecFixture, expectConnectionSpec, expectFlowSpecs, fillPlaceholders, fixture } from '../../harness/fixtures';
import { BASE_CONNECTION_ID, PLACEHOLDERS, DATASET_FLOW_SPECS, LOCATION, mapperValues, targetParameters, nodeParameters, runTarget } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('bad input fails before anything is sent, naming the field', () => {
	const s3 = connectionSpecFixture('amazon-s3');
	const valid = { name: 'S3 target', params: { ...LOCATION['amazon-s3'], compression: 'GZIP', datasetFileType: 'PARQUET' } };

	async function failWith(parameters: IDataObject, catalogue = true) {
		if (catalogue) {
				expectConnectionSpec(s3);
			expectFlowSpecs();
		}
		// No POST interceptor: a POST would fail with another message.
		const result = await runTarget(parameters);
		assertAllRequestsMade();
		return result.error('Target')!;
	}

	const withParams = (params: IDataObject, withSchema = true) => ({
		...nodeParameters(s3, 'datasets', valid),
		targetParameters: targetParameters(s3, 'datasets', mapperValues(params), withSchema),
	});

	test('a bucket name against the spec\'s pattern', async () => {
		const error = await failWith(withParams({ ...valid.params, bucketName: 'My_Bucket' }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			`Invalid Bucket name ("bucketName") in Target Parameters: "My_Bucket". Allowed: text matching the pattern ${s3.targetSpec!.spec!.properties!.bucketName.pattern} (the Amazon S3 targetSpec for dataset exports).`,
		);
	});

	test('a missing required field', async () => {
		const { path: _path, ...withoutPath } = valid.params as IDataObject;
		const error = await failWith(withParams(withoutPath, false));
		expect(error.message).toBe(
			'Missing Folder path ("path") in Target Parameters: the Amazon S3 targetSpec for dataset exports requires it.',
		);
	});

	test('an enum value the spec does not offer', async () => {
		// Without the saved field list (a workflow written by hand): the node's own check.
		const error = await failWith(withParams({ ...valid.params, compression: 'ZIP' }, false));
		expect(error.message).toBe(
			'Invalid Compression format ("compression") in Target Parameters: "ZIP". Allowed: one of "NONE", "GZIP" (the Amazon S3 targetSpec for dataset exports).',
		);
	});

	test('with the field list the editor saved, n8n itself refuses a missing required field or a value not offered, before the run starts', async () => {
		const { path: _path, ...withoutPath } = valid.params as IDataObject;
		await expect(runTarget(withParams(withoutPath))).rejects.toThrow('Parameter "path" is required');
		await expect(runTarget(withParams({ ...valid.params, datasetFileType: 'CSV' }))).rejects.toThrow(
			"'datasetFileType' expects one of the following values: [JSON, PARQUET] but we got 'CSV'",
		);
		assertAllRequestsMade();
	});

	test.each(DESTINATION_SLUGS)('%s: the seed\'s own example (JSON, uncompressed) is refused: JSON exports must be compressed', async (slug) => {
		const spec = connectionSpecFixture(slug);
		const seed = fillPlaceholders(fixture(`seed-examples/000-target-connection-${slug}.request.json`), PLACEHOLDERS);
		expectConnectionSpec(spec);
		expectFlowSpecs();

		const result = await runTarget(nodeParameters(spec, 'datasets', seed as { name: string; params: IDataObject }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			`Invalid Compression format ("compression") in Target Parameters: "NONE". Allowed: a compression such as "GZIP" when the file type is JSON: AEP exports JSON files compressed only (Parquet may be uncompressed) (Adobe's export guide).`,
		);
	});

	test('a parameter of another destination (a stale field list)', async () => {
		const sftp = connectionSpecFixture('sftp');
		expectConnectionSpec(sftp);
		expectFlowSpecs();
		const result = await runTarget({
			...nodeParameters(sftp, 'datasets', valid),
			targetParameters: { mappingMode: 'defineBelow', value: mapperValues(valid.params) },
		});
		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'Invalid Target Parameters: "bucketName, path". Allowed: the parameters of SFTP\'s targetSpec (remotePath, fileType, datasetFileType, csvOptions, compression). Refresh the field list after changing the destination.',
		);
	});

	test('a base connection ID that is not one, before any request', async () => {
		const error = await failWith({ ...nodeParameters(s3, 'datasets', valid), baseConnectionId: '={{ $json.nothing }}' }, false);
		expect(error.message).toBe(
			"Invalid Base Connection ID: an empty value. Allowed: the ID of a base connection (a UUID); when left empty, the incoming item's id, as output by AEP Create Base Connection.",
		);
	});
});

describe('if one with this name already exists', () => {
	const s3 = connectionSpecFixture('amazon-s3');
	const body = { name: 'S3 target', params: { mode: 'Server-to-server', ...LOCATION['amazon-s3'], compression: 'GZIP', datasetFileType: 'PARQUET' } };
	const existing = {
		id: '7f7c4442-4a06-48e2-96d7-eefcda766762',
		name: 'S3 target',
		baseConnectionId: BASE_CONNECTION_ID,
		connectionSpec: { id: s3.id, version: '1.0' },
		// AEP's echo may order keys differently.
		params: { path: 'folder/subfolder', bucketName: 'your-bucket-name', datasetFileType: 'PARQUET', compression: 'GZIP', mode: 'Server-to-server' },
		state: 'enabled',
		etag: '"5501abd7-4394-4930-b549-6aafbfd1aa77"',
	};

	const lookup = (items: IDataObject[]) => expectNameLookup('/targetConnections', 'S3 target', items);

	test('reuse: the same parameters, so the existing one is output and nothing is created', async () => {
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([existing]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.output('Target')[0].json).toMatchObject({
			id: existing.id,
			etag: existing.etag,
			created: false,
			params: existing.params,
			flowSpec: { id: DATASET_FLOW_SPECS['amazon-s3'], version: '1.0' },
		});
	});

	test('reuse refuses one with other parameters, naming them', async () => {
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([{ ...existing, params: { ...existing.params, path: 'old/folder' } }]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'A target connection named "S3 target" already exists (ID 7f7c4442-4a06-48e2-96d7-eefcda766762) but cannot be reused: its parameters differ (path: "old/folder" there, "folder/subfolder" here)',
		);
	});

	test('fail', async () => {
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([existing]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'fail' }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'A target connection named "S3 target" already exists (ID 7f7c4442-4a06-48e2-96d7-eefcda766762)',
		);
	});
	test('a name with a comma cannot be looked up (a comma is "or" in AEP\'s filter): refused before any request', async () => {
		// No interceptor at all: the name is checked before the catalogue is read.
		const result = await runTarget(nodeParameters(s3, 'datasets', { ...body, name: 'S3, nightly' }, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.error('Target')!.message).toBe(
			'Invalid Name: "S3, nightly". Allowed: a name without commas, because AEP\'s name filter reads a comma as "or". Remove the comma, or set "If One With This Name Already Exists" to Create Another, which does not look the name up.',
		);
	});
});
