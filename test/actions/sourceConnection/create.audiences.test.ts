/** Source Connection → Create: audiences (Profile store). */
import nock from 'nock';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { fillPlaceholders, fixture } from '../../harness/fixtures';
import { PROFILE_STORE, CREATED, expectCreate, runSource } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('audiences (Profile store)', () => {
	test.each([
		['004-source-connection.request', {}],
		['openapi-postSourceConnection.request.Create_Source_Connection_Profile_Store', {}],
	])('%s', async (seed) => {
		const expected = fixture(`seed-examples/${seed}.json`);
		expectTokenRequest();
		const sent = expectCreate();

		const result = await runSource({
			exportType: 'audiences',
			name: expected.name,
			ifExists: 'create',
			options: { description: expected.description },
		});

		assertAllRequestsMade();
		expect(sent).toEqual([expected]);
		expect(result.output('Source')[0].json).toEqual({
			id: CREATED.id,
			etag: CREATED.etag,
			name: expected.name,
			created: true,
			connectionSpec: { id: PROFILE_STORE, version: '1.0' },
			exportType: 'audiences',
		});
	});

	test('seed 002\'s older flow: with a Profile store base connection, CSV data', async () => {
		const baseConnectionId = '1ed86558-59b5-42f7-9865-5859b552f7f4';
		const expected = fillPlaceholders(fixture('seed-examples/002-source-connection-profile-store.request.json'), {
			'{CONNECTION_SPEC_ID}': PROFILE_STORE,
			'{BASE_CONNECTION_ID}': baseConnectionId,
		});
		expectTokenRequest();
		const sent = expectCreate(1, fixture('seed-examples/002-source-connection-profile-store.response.json'));

		const result = await runSource({
			exportType: 'audiences',
			name: expected.name,
			ifExists: 'create',
			options: { description: expected.description, profileStoreBaseConnectionId: baseConnectionId },
		});

		assertAllRequestsMade();
		expect(sent).toEqual([expected]);
		// Seed 002's answer has no etag.
		expect(result.output('Source')[0].json).toMatchObject({ id: 'ed48ae9b-c774-4b6e-88ae-9bc7748b6e97', etag: null, baseConnectionId });
	});

	test('a Profile store base connection ID that is not one is refused before any request', async () => {
		// No interceptor at all: a POST would fail with another message.
		const result = await runSource({
			exportType: 'audiences',
			name: 'Profile store',
			ifExists: 'create',
			options: { profileStoreBaseConnectionId: '{BASE_CONNECTION_ID}' },
		});

		assertAllRequestsMade();
		expect(result.error('Source')!.message).toBe(
			'Invalid Profile Store Base Connection ID: "{BASE_CONNECTION_ID}". Allowed: the ID of a Profile store base connection (a UUID), or empty for file-based destinations.',
		);
	});
});
