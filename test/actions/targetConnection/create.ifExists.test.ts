/** Target Connection → Create: if one with this name already exists ("Reuse It" takes only one on this base connection). */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectNameLookup, resetNock } from '../../harness/aep';
import { connectionSpecFixture, expectConnectionSpec, expectFlowSpecs } from '../../harness/fixtures';
import { BASE_CONNECTION_ID, DATASET_FLOW_SPECS, LOCATION, expectCreate, nodeParameters, runTarget } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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

	test('reuse never returns one with another base connection: the one on this base connection is reused', async () => {
		const otherBase = { ...existing, id: 'a1e6b1d0-1111-4c2e-9d7e-2f6a1b7c9e01', createdAt: 2, baseConnectionId: 'c0ffee00-0000-4000-8000-000000000001' };
		expectConnectionSpec(s3);
		expectFlowSpecs();
		lookup([otherBase, { ...existing, createdAt: 1 }]);

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(result.output('Target')[0].json).toMatchObject({ id: existing.id, created: false, baseConnectionId: BASE_CONNECTION_ID });
	});

	test('reuse: the name is taken only on another base connection (another pipeline), so one is created', async () => {
		const otherPipeline = { ...existing, baseConnectionId: 'c0ffee00-0000-4000-8000-000000000001' };
		expectConnectionSpec(s3);
		expectFlowSpecs();
		// Looked up before the create and again after it ("Reuse It" converges on the oldest equal one).
		lookup([otherPipeline]);
		lookup([otherPipeline]);
		const sent = expectCreate();

		const result = await runTarget(nodeParameters(s3, 'datasets', body, { ifExists: 'reuse' }));

		assertAllRequestsMade();
		expect(sent).toHaveLength(1);
		expect(result.output('Target')[0].json).toMatchObject({ created: true, baseConnectionId: BASE_CONNECTION_ID });
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
