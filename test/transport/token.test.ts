/** Transport: one token per credential, and the credential test. */
import nock from 'nock';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { AEP_HEADERS, assertAllRequestsMade, expectTokenRequest, FLOW, flowService, IMS, resetNock, TOKEN } from '../harness/aep';
import { testCredential } from '../harness/credential-test';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { SECRET, transport } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 5 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

describe('token', () => {
	test('form-encoded token request: grant type, client id, secret and scopes in the body, nothing in the URL', async () => {
		let tokenRequest: { path: string; body: string; headers: Record<string, unknown> } | undefined;
		nock(IMS)
			.post('/ims/token/v3')
			.reply(function (path, body) {
				tokenRequest = { path, body: String(body), headers: this.req.headers };
				return [200, { access_token: TOKEN, token_type: 'bearer', expires_in: 86399 }];
			});
		flowService().get('/flows').reply(200, { items: [] });

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.error('Call')).toBeUndefined();
		expect(tokenRequest!.path).toBe('/ims/token/v3');
		expect(tokenRequest!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(Object.fromEntries(new URLSearchParams(tokenRequest!.body))).toEqual({
			grant_type: 'client_credentials',
			client_id: 'test-client-id',
			client_secret: SECRET,
			scope: 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session',
		});
	});

	test('the four headers on every call, and the org ID gets @AdobeOrg when it was left out', async () => {
		expectTokenRequest();
		flowService().get('/flows').reply(200, { items: [] });
		const credentials = aepCredentials({ organizationId: ' 0123456789ABCDEF01234567 ' });

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials });

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ items: [] });
	});

	test('one token for two nodes in one execution and for the next execution', async () => {
		expectTokenRequest(TOKEN, 1);
		flowService().get('/flows').times(4).reply(200, { items: [] });
		const credentials = aepCredentials();
		const workflow = chain([transport({ path: '/flows' }, 'First'), transport({ path: '/flows' }, 'Second')]);

		await runWorkflow({ ...workflow, credentials });
		await runWorkflow({ ...workflow, credentials });

		assertAllRequestsMade();
		expect(credentials.preAuthenticationCalls.get('aep-1')).toBe(1);
		expect(credentials.stored('aep-1').accessToken).toBe(TOKEN);
	});

	test('parallel first requests of a node share one token fetch', async () => {
		expectTokenRequest(TOKEN, 1);
		flowService().get('/connectionSpecs').reply(200, { items: [] }).get('/flowSpecs').reply(200, { items: [] }).get('/flows').reply(200, { items: [] });
		const credentials = aepCredentials();

		const result = await runWorkflow({
			...chain([transport({ call: 'parallel', path: '/connectionSpecs,/flowSpecs,/flows' })]),
			credentials,
		});

		assertAllRequestsMade();
		expect(result.output('Call').map((item) => item.json)).toEqual([{ items: [] }, { items: [] }, { items: [] }]);
		expect(credentials.preAuthenticationCalls.get('aep-1')).toBe(1);
	});

	test('a 401 fetches a new token and repeats the call once', async () => {
		expectTokenRequest('old-token');
		expectTokenRequest('new-token');
		flowService({ ...AEP_HEADERS, authorization: 'Bearer old-token' })
			.get('/flows')
			.reply(401, { error_code: '401013', message: 'Oauth token is not valid' });
		flowService({ ...AEP_HEADERS, authorization: 'Bearer new-token' }).get('/flows').reply(200, { items: [{ id: 'f1' }] });
		const credentials = aepCredentials();

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials });

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ items: [{ id: 'f1' }] });
		expect(credentials.stored('aep-1').accessToken).toBe('new-token');
	});

	test("a wrong secret shows IMS's own message and never the secret", async () => {
		nock(IMS)
			.post('/ims/token/v3')
			.reply(400, { error: 'invalid_client', error_description: 'invalid client_secret parameter' });

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials: aepCredentials() });

		const error = result.error('Call')!;
		expect(error.message).toContain('invalid client_secret parameter');
		expect(JSON.stringify(error)).not.toContain(SECRET);
	});
});

describe('credential test', () => {
	test('proves the token and a cheap Flow Service call', async () => {
		expectTokenRequest();
		flowService()
			.get('/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0')
			.reply(200, { items: [{ id: '23598e46-f560-407b-88d5-ea6207e49db0', name: 'Data Lake' }] });

		expect(await testCredential(aepCredentials())).toEqual({ status: 'OK', message: 'Connection successful!' });
		assertAllRequestsMade();
	});

	test("reports IMS's message for a wrong secret", async () => {
		nock(IMS)
			.post('/ims/token/v3')
			.reply(400, { error: 'invalid_client', error_description: 'invalid client_secret parameter' });

		const outcome = await testCredential(aepCredentials());
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toBe(
			'Adobe IMS refused the token request: invalid client_secret parameter (invalid_client)',
		);
	});

	test('uses the advanced gateway and IMS URLs when set', async () => {
		nock('http://127.0.0.1:4010')
			.post('/ims/token/v3')
			.reply(200, { access_token: TOKEN, token_type: 'bearer', expires_in: 86399 });
		nock('http://127.0.0.1:4010', { reqheaders: AEP_HEADERS })
			.get(`${FLOW}/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0`)
			.reply(200, { items: [] });
		const credentials = aepCredentials({
			imsTokenUrl: 'http://127.0.0.1:4010/ims/token/v3',
			gatewayUrl: 'http://127.0.0.1:4010/',
		});

		expect((await testCredential(credentials)).status).toBe('OK');
		assertAllRequestsMade();
	});
});
