/** Target Connection → Create: bad input fails before anything is sent, naming the field. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, resetNock } from '../../harness/aep';
import { DESTINATION_SLUGS, connectionSpecFixture, expectConnectionSpec, expectFlowSpecs, fillPlaceholders, fixture } from '../../harness/fixtures';
import { PLACEHOLDERS, LOCATION, mapperValues, targetParameters, nodeParameters, runTarget } from './helpers';

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
			`Invalid Bucket name in Target Parameters: "My_Bucket". Allowed: 3-63 characters: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, and not an IP address, e.g. my-exports (the Amazon S3 targetSpec for dataset exports).`,
		);
		// The regular expression only in the details.
		expect(error.message).not.toContain('(?=^');
		expect(error.description).toContain(`Bucket name must match the pattern ${s3.targetSpec!.spec!.properties!.bucketName.pattern}.`);
	});

	test('a missing required field', async () => {
		const { path: _path, ...withoutPath } = valid.params as IDataObject;
		const error = await failWith(withParams(withoutPath, false));
		expect(error.message).toBe(
			'Missing Folder path in Target Parameters: the Amazon S3 targetSpec for dataset exports requires it.',
		);
	});

	test('an enum value the spec does not offer', async () => {
		// Without the saved field list (a workflow written by hand): the node's own check.
		const error = await failWith(withParams({ ...valid.params, compression: 'ZIP' }, false));
		expect(error.message).toBe(
			'Invalid Compression format in Target Parameters: "ZIP". Allowed: one of "NONE", "GZIP" (the Amazon S3 targetSpec for dataset exports).',
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
			`Invalid Compression format in Target Parameters: "NONE". Allowed: a compression such as "GZIP" when the file type is JSON: AEP exports JSON files compressed only (Parquet may be uncompressed) (Adobe's export guide).`,
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
