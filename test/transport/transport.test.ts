/**
 * The transport and credential, through the real engine: token handling, headers, both paging
 * schemes, retries, the four AEP error shapes and continueOnFail.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import {
	AEP_HEADERS,
	assertAllRequestsMade,
	expectTokenRequest,
	FLOW,
	flowService,
	GATEWAY,
	IMS,
	resetNock,
	TOKEN,
} from '../harness/aep';
import { testCredential } from '../harness/credential-test';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { HarnessTransport } from '../harness/transport-node';

const SECRET = 'p8e-TEST-SECRET-never-leak';

function transport(parameters: IDataObject, name = 'Call') {
	return { name, type: HarnessTransport.type, parameters };
}

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

describe('continuation-token paging', () => {
	const page = (ids: string[], next?: string) => ({
		items: ids.map((id) => ({ id })),
		_links: next ? { next: { href: `/runs?property=flowId==f1&continuationToken=${next}&limit=100` } } : {},
	});

	test('follows _links.next.href, keeps the filters on every page and stops on the last page', async () => {
		expectTokenRequest();
		flowService()
			.get('/runs')
			.query({ property: 'flowId==f1', limit: '100' })
			.reply(200, page(['r1', 'r2'], 'tok%2B2'))
			.get('/runs')
			.query({ property: 'flowId==f1', limit: '100', continuationToken: 'tok+2' })
			.reply(200, page(['r3'], 'tok3'))
			.get('/runs')
			.query({ property: 'flowId==f1', limit: '100', continuationToken: 'tok3' })
			.reply(200, page(['r4']));

		const result = await runWorkflow({
			...chain([transport({ call: 'continuation', path: '/runs', qs: '{"property":"flowId==f1"}' })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Call').map((item) => item.json.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
	});

	test('Limit asks for no more than needed and stops when it is reached', async () => {
		expectTokenRequest();
		flowService()
			.get('/runs')
			.query({ limit: '3' })
			.reply(200, page(['r1', 'r2'], 'tok2'))
			.get('/runs')
			.query({ limit: '1', continuationToken: 'tok2' })
			.reply(200, page(['r3'], 'tok3'));

		const result = await runWorkflow({
			...chain([transport({ call: 'continuation', path: '/runs', limit: 3 })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Call').map((item) => item.json.id)).toEqual(['r1', 'r2', 'r3']);
	});
});

describe('start/limit paging', () => {
	const CONFIGS = '/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0/configs';
	const items = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({ id: `ds-${from + i}` }));

	test('fetches the remaining pages in parallel once the total is known, in order, none past the last', async () => {
		expectTokenRequest();
		const scope = flowService();
		scope.get(CONFIGS).query({ start: '0', limit: '100' }).reply(200, {
			items: items(0, 100),
			pageInfo: { start: 0, end: 99, total: 350, hasNext: true },
		});
		// Later pages answer out of order: the slowest first page must still come first.
		const delays: Record<number, number> = { 100: 60, 200: 10, 300: 30 };
		for (const start of [100, 200, 300]) {
			const count = Math.min(100, 350 - start);
			scope
				.get(CONFIGS)
				.query({ start: String(start), limit: '100' })
				.delay(delays[start])
				.reply(200, { items: items(start, count), pageInfo: { start, end: start + count - 1, total: 350, hasNext: start + count < 350 } });
		}

		const result = await runWorkflow({
			...chain([transport({ call: 'startLimit', path: CONFIGS })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		const ids = result.output('Call').map((item) => item.json.id);
		expect(ids).toHaveLength(350);
		expect(ids).toEqual(items(0, 350).map((item) => item.id));
	});

	test('Limit below the total reads only the pages it needs', async () => {
		expectTokenRequest();
		flowService()
			.get(CONFIGS)
			.query({ start: '0', limit: '100' })
			.reply(200, { items: items(0, 100), pageInfo: { start: 0, end: 99, total: 1000, hasNext: true } })
			.get(CONFIGS)
			.query({ start: '100', limit: '100' })
			.reply(200, { items: items(100, 100), pageInfo: { start: 100, end: 199, total: 1000, hasNext: true } });

		const result = await runWorkflow({
			...chain([transport({ call: 'startLimit', path: CONFIGS, limit: 150 })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Call').map((item) => item.json.id)).toEqual(items(0, 150).map((item) => item.id));
	});
});

describe('retries', () => {
	test('429 honours Retry-After, then succeeds', async () => {
		expectTokenRequest();
		flowService()
			.get('/flows')
			.reply(429, { error_code: '429050', message: 'Too many requests' }, { 'Retry-After': '1' })
			.get('/flows')
			.reply(200, { items: [] });

		const started = Date.now();
		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.error('Call')).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	test('a POST answered 429 was not processed, so it is repeated', async () => {
		expectTokenRequest();
		flowService()
			.post('/sourceConnections', { name: 'x' })
			.reply(429, { error_code: '429050', message: 'Too many requests' }, { 'Retry-After': '0' })
			.post('/sourceConnections', { name: 'x' })
			.reply(201, { id: 'sc-1', etag: '"e1"' });

		const result = await runWorkflow({
			...chain([transport({ method: 'POST', path: '/sourceConnections', body: '{"name":"x"}' })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ id: 'sc-1', etag: '"e1"' });
	});

	test('GET is retried on 502, 503, 504 and a connection reset', async () => {
		expectTokenRequest();
		flowService()
			.get('/flows')
			.reply(502, 'Bad gateway')
			.get('/flows')
			.reply(503, { message: 'Service unavailable' })
			.get('/flows')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.get('/flows')
			.reply(504, '')
			.get('/flows')
			.reply(200, { items: [{ id: 'f1' }] });

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials: aepCredentials() });

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ items: [{ id: 'f1' }] });
	});

	test('a create answered 502 is never repeated: the outcome is unknown', async () => {
		expectTokenRequest();
		flowService().post('/flows').once().reply(502, 'Bad gateway');

		const result = await runWorkflow({
			...chain([transport({ method: 'POST', path: '/flows', body: '{"name":"x"}' })]),
			credentials: aepCredentials(),
		});

		assertAllRequestsMade();
		expect(result.error('Call')!.message).toBe('AEP POST /flows failed: Bad gateway');
		expect(result.error('Call')!.description).toBe('HTTP 502');
	});

	test('gives up after the retries with a clear error', async () => {
		expectTokenRequest();
		flowService()
			.get('/flows')
			.times(5)
			.reply(429, { error_code: '429050', message: 'Too many requests' }, { 'Retry-After': '0', 'x-request-id': 'req-429' });

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials: aepCredentials() });

		assertAllRequestsMade();
		const error = result.error('Call')!;
		expect(error.message).toBe('AEP GET /flows failed: Too many requests');
		expect(error.description).toBe('error code 429050, HTTP 429, request id req-429, after 4 retries');
		expect(error.httpCode).toBe('429');
	});
});

describe('the four error shapes', () => {
	const cases: Array<[string, number, object, string, string]> = [
		[
			'gateway',
			403,
			{ error_code: '403010', message: 'Oauth token does not have required scope' },
			'AEP GET /flows failed: Oauth token does not have required scope',
			'error code 403010, HTTP 403, request id req-1',
		],
		[
			'Flow Service',
			404,
			{ errorMessage: 'Flow with id abc not found', errorDetails: { id: 'abc' } },
			'AEP GET /flows failed: Flow with id abc not found',
			'HTTP 404, request id req-1. {"id":"abc"}',
		],
		[
			'problem JSON',
			400,
			{
				type: 'https://ns.adobe.com/aep/errors/FLOW-1002-400',
				title: 'Bad Request',
				status: 400,
				detail: 'Invalid request payload',
				report: { 'detailed-message': 'params.bucketName does not match the pattern' },
			},
			'AEP GET /flows failed: Bad Request: Invalid request payload',
			'error code https://ns.adobe.com/aep/errors/FLOW-1002-400, HTTP 400, request id req-1. params.bucketName does not match the pattern',
		],
		[
			'bare message',
			400,
			{ message: 'A valid content-type must be specified' },
			'AEP GET /flows failed: A valid content-type must be specified',
			'HTTP 400, request id req-1',
		],
	];

	test.each(cases)('%s', async (_shape, status, body, message, description) => {
		expectTokenRequest();
		flowService().get('/flows').reply(status, body, { 'x-request-id': 'req-1' });

		const result = await runWorkflow({ ...chain([transport({ path: '/flows' })]), credentials: aepCredentials() });

		const error = result.error('Call')!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(message);
		expect(error.description).toBe(description);
		expect(error.httpCode).toBe(String(status));
	});

	test('continueOnFail yields an error item paired with its input, and the other items carry on', async () => {
		expectTokenRequest();
		flowService()
			.get('/flows/good')
			.reply(200, { items: [{ id: 'good' }] })
			.get('/flows/bad')
			.reply(404, { errorMessage: 'Flow with id bad not found' }, { 'x-request-id': 'req-404' });

		const result = await runWorkflow({
			...chain([transport({ path: '={{ "/flows/" + $json.flow }}' })], 'aep-1', { continueOnFail: true }),
			credentials: aepCredentials(),
			input: [{ flow: 'good' }, { flow: 'bad' }],
		});

		assertAllRequestsMade();
		expect(result.output('Call')).toEqual([
			{ json: { items: [{ id: 'good' }] }, pairedItem: { item: 0 } },
			{
				json: {
					error: 'AEP GET /flows/bad failed: Flow with id bad not found',
					description: 'HTTP 404, request id req-404',
					aep: {
						status: 404,
						errorCode: null,
						requestId: 'req-404',
						aepMessage: 'Flow with id bad not found',
						networkCode: null,
					},
				},
				pairedItem: { item: 1 },
			},
		]);
	});
});

test('the gateway URL of the credential is the base of every call', () => {
	expect(`${GATEWAY}${FLOW}`).toBe('https://platform.adobe.io/data/foundation/flowservice');
});
