/**
 * The credential test and the next request use a token obtained with what the form holds now: a
 * token fetched before the secret, client ID, scopes or IMS URL changed is never sent.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { tokenFingerprint } from '../../credentials/AepPlatformApi.credentials';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { AEP_HEADERS, assertAllRequestsMade, FLOW, GATEWAY, IMS, resetNock, TOKEN } from '../harness/aep';
import { testCredential } from '../harness/credential-test';
import { aepCredentialData, aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { HarnessTransport } from '../harness/transport-node';

const DATA_LAKE_SPEC = '/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0';
const NEW_TOKEN = 'eyJ-token-with-the-new-values';
/** What is sent instead of a token obtained with other values; AEP's gateway refuses it. */
const PLACEHOLDER = 'Bearer token-for-changed-credential-values';

/** A credential holding a token fetched with the test values, then edited in the form. */
function editedAfterToken(changes: ICredentialDataDecryptedObject) {
	const before = aepCredentialData({ accessToken: TOKEN });
	return aepCredentials({ ...before, tokenFor: tokenFingerprint(before), ...changes });
}

/** The gateway refuses the placeholder as it refuses any token it does not know. */
function refusePlaceholder() {
	return nock(`${GATEWAY}${FLOW}`, { reqheaders: { authorization: PLACEHOLDER } })
		.get(DATA_LAKE_SPEC)
		.reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('a token obtained with other values is not used', () => {
	test('the fingerprint covers the IMS URL, client ID, secret and scopes (not sandbox or organization)', () => {
		const base = aepCredentialData();
		const same = tokenFingerprint(base);
		const changes: ICredentialDataDecryptedObject[] = [
			{ clientSecret: 'another secret' },
			{ clientId: 'another-client' },
			{ scopes: 'openid,AdobeID' },
			{ imsTokenUrl: 'https://ims-na1-stg1.adobelogin.com/ims/token/v3' },
		];
		for (const change of changes) {
			expect(tokenFingerprint({ ...base, ...change })).not.toBe(same);
		}
		expect(tokenFingerprint({ ...base, sandboxName: 'prod', organizationId: 'other@AdobeOrg' })).toBe(same);
		// Spaces around the client ID and in the scopes are not sent, so they do not count.
		expect(tokenFingerprint({ ...base, clientId: ' test-client-id ' })).toBe(same);
	});

	test('a secret changed to a wrong one tests as failed, with IMS\'s words, though the old token still works', async () => {
		refusePlaceholder();
		const ims = nock(IMS)
			.post('/ims/token/v3', (body: Record<string, string>) => body.client_secret === 'a-wrong-secret')
			.reply(400, { error: 'invalid_client', error_description: 'invalid client_secret parameter' });

		const outcome = await testCredential(editedAfterToken({ clientSecret: 'a-wrong-secret' }));

		expect(ims.isDone()).toBe(true);
		expect(outcome).toEqual({
			status: 'Error',
			message: 'Adobe IMS refused the token request: invalid client_secret parameter (invalid_client)',
		});
		assertAllRequestsMade();
	});

	test('after a change of scopes, the next request uses a token obtained with the new scopes', async () => {
		refusePlaceholder();
		nock(IMS)
			.post('/ims/token/v3', (body: Record<string, string>) => body.scope === 'openid,AdobeID,read_organizations')
			.reply(200, { access_token: NEW_TOKEN, token_type: 'bearer', expires_in: 86399 });
		nock(`${GATEWAY}${FLOW}`, { reqheaders: { ...AEP_HEADERS, authorization: `Bearer ${NEW_TOKEN}` } })
			.get(DATA_LAKE_SPEC)
			.reply(200, { items: [{ id: '23598e46-f560-407b-88d5-ea6207e49db0' }] });
		const credentials = editedAfterToken({ scopes: 'openid, AdobeID, read_organizations' });

		const result = await runWorkflow({
			...chain([{ name: 'Call', type: HarnessTransport.type, parameters: { path: DATA_LAKE_SPEC } }]),
			credentials,
		});

		expect(result.error('Call')).toBeUndefined();
		assertAllRequestsMade();
		expect(credentials.preAuthenticationCalls.get('aep-1')).toBe(1);
	});

	test('unchanged values: the stored token is used, no token request', async () => {
		nock(`${GATEWAY}${FLOW}`, { reqheaders: AEP_HEADERS })
			.get(DATA_LAKE_SPEC)
			.reply(200, { items: [{ id: '23598e46-f560-407b-88d5-ea6207e49db0' }] });

		const outcome = await testCredential(editedAfterToken({}));

		expect(outcome.status).toBe('OK');
		assertAllRequestsMade();
	});
});
