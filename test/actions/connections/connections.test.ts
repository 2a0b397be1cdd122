/** Base, source and target connections: Get, Get Many, Delete (refused while used), Update Credentials, Update. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { AEP_JSON_HEADERS, assertAllRequestsMade, continuationPage, expectTokenRequest, flowService, resetNock } from '../../harness/aep';
import { aepCredentialData, aepCredentials, TestCredentialsHelper } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { connectionSpecFixture, expectConnectionSpec } from '../../harness/fixtures';
import { aepOperation } from '../../harness/nodes';

const S3_SPEC = connectionSpecFixture('amazon-s3');
const BASE_ID = '31111111-2222-4333-8444-555555555555';
const TARGET_ID = '21111111-2222-4333-8444-555555555555';
const FLOW_ID = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';
const NEW_KEYS = { accessKeyId: 'AKIAIOSFODNN7ROTATED', secretAccessKey: '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' };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const baseConnection = (etag = '"b1"') => ({
	id: BASE_ID,
	name: 'S3 base',
	etag,
	connectionSpec: { id: S3_SPEC.id, version: '1.0' },
	auth: { specName: 'Access Key', params: { s3AccessKey: 'AKIAOLD', s3SecretKey: '<masked>' } },
	state: 'enabled',
});

async function run(resource: string, operation: string, parameters: IDataObject, credentials: TestCredentialsHelper = aepCredentials(), continueOnFail = false) {
	const built = chain([{ name: 'AEP', type: aepOperation(resource, operation), parameters }], 'aep-1', { continueOnFail });
	if (parameters.storageCredential) {
		built.nodes[1].credentials = { ...built.nodes[1].credentials, [String(parameters.storageCredential)]: { id: 'storage-1', name: 'Storage' } };
	}
	return await runWorkflow({ ...built, credentials });
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP connections: Get and Get Many', () => {
	test('Base Connection → Get outputs the connection without the values of auth.params', async () => {
		expectTokenRequest();
		flowService().get(`/connections/${BASE_ID}`).reply(200, { items: [baseConnection()] });

		const result = await run('baseConnection', 'get', { connection: byId(BASE_ID) });

		assertAllRequestsMade();
		expect(result.output('AEP')[0].json).toEqual({
			id: BASE_ID,
			name: 'S3 base',
			etag: '"b1"',
			connectionSpec: { id: S3_SPEC.id, version: '1.0' },
			auth: { specName: 'Access Key', paramNames: ['s3AccessKey', 's3SecretKey'] },
			state: 'enabled',
		});
	});

	test('Target Connection → Get Many: destination as a server-side filter, name contains here, at the Limit', async () => {
		expectTokenRequest();
		flowService()
			.get('/targetConnections')
			.query({ property: `connectionSpec.id==${S3_SPEC.id}`, orderby: '-createdAt', limit: '100' })
			.reply(200, continuationPage([{ id: 'a', name: 'Other' }, { id: TARGET_ID, name: 'Marketing S3' }, { id: 'c', name: 's3 archive' }]));

		const result = await run('targetConnection', 'getAll', {
			returnAll: false,
			limit: 1,
			filters: { destination: byId(S3_SPEC.id), nameContains: 's3' },
		});

		assertAllRequestsMade();
		expect(result.output('AEP').map((item) => item.json.id)).toEqual([TARGET_ID]);
	});

	test('Source Connection → Get Many: every page with Return All', async () => {
		expectTokenRequest();
		flowService().get('/sourceConnections').query({ orderby: '-createdAt', limit: '100' }).reply(200, continuationPage([{ id: 'a' }], '/sourceConnections?continuationToken=p2'));
		flowService().get('/sourceConnections').query({ orderby: '-createdAt', limit: '100', continuationToken: 'p2' }).reply(200, continuationPage([{ id: 'b' }]));

		const result = await run('sourceConnection', 'getAll', { returnAll: true });

		assertAllRequestsMade();
		expect(result.output('AEP').map((item) => item.json.id)).toEqual(['a', 'b']);
	});
});

describe('AEP connections: Delete', () => {
	test('a target connection no dataflow uses: one check, one DELETE, {deleted: true, id}', async () => {
		expectTokenRequest();
		flowService().get('/flows').query({ property: `targetConnectionIds[]==${TARGET_ID}`, orderby: '-createdAt', limit: '100' }).reply(200, continuationPage([]));
		flowService().delete(`/targetConnections/${TARGET_ID}`).reply(204);

		const result = await run('targetConnection', 'delete', { connection: byId(TARGET_ID) });

		assertAllRequestsMade();
		expect(result.output('AEP').map((item) => item.json)).toEqual([{ deleted: true, id: TARGET_ID }]);
	});

	test('a base connection a dataflow uses (through a target connection) is refused, nothing deleted', async () => {
		expectTokenRequest();
		flowService().get('/targetConnections').query({ property: `baseConnectionId==${BASE_ID}`, orderby: '-createdAt', limit: '100' }).reply(200, continuationPage([{ id: TARGET_ID }]));
		flowService().get('/flows').query({ property: `targetConnectionIds[]==${TARGET_ID}`, orderby: '-createdAt', limit: '100' }).reply(200, continuationPage([{ id: FLOW_ID }]));

		const result = await run('baseConnection', 'delete', { connection: byId(BASE_ID) });

		assertAllRequestsMade();
		expect(result.error('AEP')?.message).toBe(`Base Connection ${BASE_ID} is used by dataflow ${FLOW_ID}: nothing was deleted`);
	});

	test('a source connection ID that is not a UUID fails before any request; Continue On Fail pairs it', async () => {
		const built = chain([{ name: 'AEP', type: aepOperation('sourceConnection', 'delete'), parameters: { connection: byId('={{ $json.id }}') } }], 'aep-1', { continueOnFail: true });
		const result = await runWorkflow({ ...built, credentials: aepCredentials(), input: [{ id: '<FROM_STEP>' }] });
		expect(result.output('AEP')[0].json.error).toBe(
			'Invalid Source Connection: "<FROM_STEP>". Allowed: a source connection picked from the list, or its ID (a UUID such as 12ab90c7-519c-4291-bd20-d64186b62da8).',
		);
		expect(result.output('AEP')[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('AEP Base Connection → Update Credentials', () => {
	const credentials = (keys = NEW_KEYS) =>
		new TestCredentialsHelper({
			'aep-1': { type: 'aepPlatformApi', data: aepCredentialData() },
			'storage-1': { type: 'aepAmazonS3AccessKeyApi', data: keys },
		});

	test('new keys from the storage credential, checked against the live auth spec, PATCH /auth/params with If-Match; a 412 re-reads', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		flowService().get(`/connections/${BASE_ID}`).reply(200, { items: [baseConnection()] });
		expectConnectionSpec(S3_SPEC);
		flowService({ ...AEP_JSON_HEADERS, 'if-match': '"b1"' })
			.patch(`/connections/${BASE_ID}`, (body: unknown) => bodies.push(body) > 0)
			.reply(412, { errorMessage: 'Supplied version=["b1"] does not match the current version on entity=["b2"]' });
		flowService().get(`/connections/${BASE_ID}`).reply(200, { items: [baseConnection('"b2"')] });
		flowService({ ...AEP_JSON_HEADERS, 'if-match': '"b2"' })
			.patch(`/connections/${BASE_ID}`, (body: unknown) => bodies.push(body) > 0)
			.reply(200, { id: BASE_ID, etag: '"b3"' });
		flowService().get(`/connections/${BASE_ID}`).reply(200, { items: [baseConnection('"b3"')] });

		const result = await run('baseConnection', 'updateCredentials', { connection: byId(BASE_ID), storageCredential: 'aepAmazonS3AccessKeyApi' }, credentials());

		expect(result.error('AEP')).toBeUndefined();
		assertAllRequestsMade();
		const operation = { op: 'replace', path: '/auth/params', value: { s3AccessKey: NEW_KEYS.accessKeyId, s3SecretKey: NEW_KEYS.secretAccessKey } };
		expect(bodies).toEqual([[operation], [operation]]);
		const output = result.output('AEP')[0].json;
		expect(output).toMatchObject({ id: BASE_ID, etag: '"b3"', updated: ['/auth/params'], attempts: 2 });
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(NEW_KEYS.secretAccessKey);
	});

	test('keys that break the auth spec fail before any PATCH, without the secret in the message', async () => {
		expectTokenRequest();
		flowService().get(`/connections/${BASE_ID}`).reply(200, { items: [baseConnection()] });
		expectConnectionSpec(S3_SPEC);

		const result = await run(
			'baseConnection',
			'updateCredentials',
			{ connection: byId(BASE_ID), storageCredential: 'aepAmazonS3AccessKeyApi' },
			credentials({ accessKeyId: 'has spaces', secretAccessKey: 'hidden-S3CR3T' }),
		);

		assertAllRequestsMade();
		const error = result.error('AEP');
		expect(error?.message).toMatch(/Access Key ID/);
		expect(JSON.stringify([error?.message, error?.description])).not.toContain('hidden-S3CR3T');
	});
});

describe('AEP Target Connection → Update', () => {
	const target = (etag: string) => ({
		id: TARGET_ID,
		etag,
		connectionSpec: { id: S3_SPEC.id, version: '1.0' },
		baseConnectionId: BASE_ID,
		params: { mode: 'Server-to-server', bucketName: 'old-bucket', path: 'exports', datasetFileType: 'JSON', compression: 'GZIP' },
	});

	test('bucket and path merged over the current params, checked against the target spec, PATCH /params with If-Match', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		flowService().get(`/targetConnections/${TARGET_ID}`).reply(200, { items: [target('"t1"')] });
		expectConnectionSpec(S3_SPEC);
		flowService({ ...AEP_JSON_HEADERS, 'if-match': '"t1"' })
			.patch(`/targetConnections/${TARGET_ID}`, (body: unknown) => bodies.push(body) > 0)
			.reply(200, { id: TARGET_ID, etag: '"t2"' });
		flowService().get(`/targetConnections/${TARGET_ID}`).reply(200, { items: [target('"t2"')] });

		const result = await run('targetConnection', 'update', { connection: byId(TARGET_ID), updateFields: { bucketName: 'new-bucket', path: 'exports/2027' } });

		assertAllRequestsMade();
		expect(bodies).toEqual([
			[{ op: 'replace', path: '/params', value: { ...target('').params, bucketName: 'new-bucket', path: 'exports/2027' } }],
		]);
		expect(result.output('AEP')[0].json).toMatchObject({ id: TARGET_ID, changed: ['bucketName', 'path'], attempts: 1 });
	});

	test('nothing to change, or JSON that is not an object, fail before any request', async () => {
		const none = await run('targetConnection', 'update', { connection: byId(TARGET_ID), updateFields: {} });
		expect(none.error('AEP')?.message).toBe('Invalid Update Fields: "none". Add at least one parameter to change.');
		const bad = await run('targetConnection', 'update', { connection: byId(TARGET_ID), updateFields: { otherParams: '[1]' } });
		expect(bad.error('AEP')?.message).toBe('Invalid Other Parameters (JSON): "[1]". Allowed: a JSON object such as {"compression": "GZIP"}.');
	});
});
