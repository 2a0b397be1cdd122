/**
 * Transport: the credential is read and its auth headers are built once per node run, not decrypted
 * and evaluated by n8n for every request; n8n's authenticated request is used only to fetch or
 * refresh the token, after which the credential is read once more.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { tokenFingerprint } from '../../credentials/AepPlatformApi.credentials';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import {
	AEP_HEADERS,
	AEP_JSON_HEADERS,
	assertAllRequestsMade,
	expectTokenRequest,
	FLOW,
	flowService,
	GATEWAY,
	IMS,
	resetNock,
	TOKEN,
} from '../harness/aep';
import type { TestCredentialsHelper } from '../harness/credentials';
import { aepCredentialData, aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { transport } from './helpers';

const ITEMS = 12;
const PLACEHOLDER = 'Bearer token-for-changed-credential-values';
const NEW_TOKEN = 'eyJ-the-refreshed-token';

beforeAll(() => setRetryPolicy({ baseDelayMs: 5 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

/** Counts the credential decrypts and n8n's authentications (expression evaluations) of a run. */
function spyOn(credentials: TestCredentialsHelper) {
	return { decrypts: jest.spyOn(credentials, 'getDecrypted'), authentications: jest.spyOn(credentials, 'authenticate') };
}

const items = (count = ITEMS): IDataObject[] => Array.from({ length: count }, (_, index) => ({ index }));

/** A gateway that records each call's Authorization and answers `status` to `refused`, `ok` otherwise. */
function recordingGateway(method: 'get' | 'post', path: string, refused: string, ok: number, headers: Record<string, string>) {
	const seen: string[] = [];
	nock(`${GATEWAY}${FLOW}`, { reqheaders: headers })
		[method](path)
		.times(50)
		.reply(function () {
			const authorization = String(this.req.headers.authorization);
			seen.push(authorization);
			return authorization === refused
				? [401, { error_code: '401013', message: 'Oauth token is not valid' }]
				: [ok, { id: 'sc-1' }];
		});
	return seen;
}

const withoutAuthorization = (headers: Record<string, string>) =>
	Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'authorization'));

describe('auth headers built once per node run', () => {
	test(`a token held: ${ITEMS} requests of one node run decrypt the credential once and never ask n8n to authenticate`, async () => {
		flowService().get('/flows').times(ITEMS).reply(200, { items: [] });
		const credentials = aepCredentials({ accessToken: TOKEN });
		const { decrypts, authentications } = spyOn(credentials);

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials, input: items() });

		assertAllRequestsMade();
		expect(result.output('Call')).toHaveLength(ITEMS);
		expect(decrypts).toHaveBeenCalledTimes(1);
		expect(authentications).not.toHaveBeenCalled();
	});

	test('no token: one IMS request, the token stored, and the rest of the run sends it without n8n', async () => {
		expectTokenRequest(TOKEN, 1);
		flowService().get('/flows').times(ITEMS).reply(200, { items: [] });
		const credentials = aepCredentials();
		const { decrypts, authentications } = spyOn(credentials);

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials, input: items() });

		assertAllRequestsMade();
		expect(result.output('Call')).toHaveLength(ITEMS);
		expect(credentials.preAuthenticationCalls.get('aep-1')).toBe(1);
		expect(credentials.stored('aep-1').accessToken).toBe(TOKEN);
		// Our read, n8n's read for the token fetch, and our read of the token it stored.
		expect(decrypts.mock.calls.length).toBeLessThanOrEqual(3);
		expect(authentications).toHaveBeenCalledTimes(1);
	});

	test('no token, parallel first requests: the first goes alone, the others carry the token it brought', async () => {
		expectTokenRequest(TOKEN, 1);
		const paths = ['/connectionSpecs', '/flowSpecs', '/flows', '/sourceConnections', '/targetConnections'];
		for (const path of paths) flowService().get(path).reply(200, { items: [] });
		const credentials = aepCredentials();
		const { authentications } = spyOn(credentials);

		const result = await runWorkflow({ ...chain([transport({ call: 'parallel', path: paths.join(',') })]), credentials });

		assertAllRequestsMade();
		expect(result.output('Call')).toHaveLength(paths.length);
		expect(authentications).toHaveBeenCalledTimes(1);
	});

	test("a 401 on a request with the run's headers: one token refresh, the create sent again, later requests carry the new token", async () => {
		expectTokenRequest(NEW_TOKEN, 1);
		const seen = recordingGateway('post', '/sourceConnections', 'Bearer old-token', 201, withoutAuthorization(AEP_JSON_HEADERS));
		const credentials = aepCredentials({ accessToken: 'old-token' });
		const { decrypts, authentications } = spyOn(credentials);

		const result = await runWorkflow({
			...chain([transport({ method: 'POST', path: '/sourceConnections', body: '{"name":"x"}' })]),
			credentials,
			input: items(),
		});

		expect(result.error('Call')).toBeUndefined();
		expect(result.output('Call').map((item) => item.json)).toEqual(items().map(() => ({ id: 'sc-1' })));
		expect(credentials.preAuthenticationCalls.get('aep-1')).toBe(1);
		expect(credentials.stored('aep-1').accessToken).toBe(NEW_TOKEN);
		// The refused token goes out again only inside n8n's refresh (the same request, which AEP refused unprocessed).
		const refused = seen.indexOf(`Bearer ${NEW_TOKEN}`);
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(2);
		expect(seen.slice(0, refused)).toEqual(Array(refused).fill('Bearer old-token'));
		expect(seen.slice(refused)).toEqual(Array(ITEMS).fill(`Bearer ${NEW_TOKEN}`));
		expect(authentications.mock.calls.length).toBeLessThanOrEqual(2);
		expect(decrypts.mock.calls.length).toBeLessThanOrEqual(3);
	});

	test('a changed client secret: the old token is never sent, one new token serves the whole run', async () => {
		const before = aepCredentialData({ accessToken: TOKEN });
		const credentials = aepCredentials({ ...before, tokenFor: tokenFingerprint(before), clientSecret: 'p8e-CHANGED-secret' });
		const ims = nock(IMS)
			.post('/ims/token/v3', (body: Record<string, string>) => body.client_secret === 'p8e-CHANGED-secret')
			.reply(200, { access_token: NEW_TOKEN, token_type: 'bearer', expires_in: 86399 });
		const seen = recordingGateway('get', '/flows', PLACEHOLDER, 200, withoutAuthorization(AEP_HEADERS));
		const { authentications } = spyOn(credentials);

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials, input: items() });

		expect(result.error('Call')).toBeUndefined();
		expect(ims.isDone()).toBe(true);
		expect(seen).not.toContain(`Bearer ${TOKEN}`);
		expect(seen).toEqual([PLACEHOLDER, ...Array(ITEMS).fill(`Bearer ${NEW_TOKEN}`)]);
		expect(credentials.stored('aep-1').accessToken).toBe(NEW_TOKEN);
		expect(authentications.mock.calls.length).toBeLessThanOrEqual(2);
	});
});
