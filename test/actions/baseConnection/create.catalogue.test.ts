/** Base Connection → Create: the connection spec is kept across executions; "Re-Read Destination Catalogue" reads it again once per run. */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { runWorkflow } from '../../harness/engine';
import { connectionSpecFixture, expectConnectionSpec } from '../../harness/fixtures';
import { S3, credentialsWith, workflow, parameters, expectCreate } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

const s3 = connectionSpecFixture('amazon-s3');
const storage = { type: 'aepAmazonS3AccessKeyApi', data: S3 };

async function createTwo(options: Record<string, unknown>) {
	const { nodes, connections } = workflow(parameters(s3, { name: 'S3', authMethod: 'Access Key', storageCredential: storage.type, ifExists: 'create', options }), storage.type);
	return await runWorkflow({ nodes, connections, credentials: credentialsWith(storage), input: [{}, {}] });
}

test('a second execution reads no spec; with Re-Read Destination Catalogue, one read for all items of the run', async () => {
	expectTokenRequest();
	expectConnectionSpec(s3);
	expectCreate(undefined, 2);
	expect((await createTwo({})).error('Base')).toBeUndefined();
	assertAllRequestsMade();

	resetNock();
	expectTokenRequest();
	expectCreate(undefined, 2);
	expect((await createTwo({})).error('Base')).toBeUndefined();
	assertAllRequestsMade();

	resetNock();
	expectTokenRequest();
	expectConnectionSpec(s3); // once: a second GET would find no interceptor
	expectCreate(undefined, 2);
	expect((await createTwo({ refreshCatalogue: true })).error('Base')).toBeUndefined();
	assertAllRequestsMade();
});
