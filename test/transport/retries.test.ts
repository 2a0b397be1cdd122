/** Transport: retries, AEP's four error shapes, the gateway URL. */
import nock from 'nock';
import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, FLOW, flowService, GATEWAY, resetNock } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { transport } from './helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 5 }));

beforeEach(resetNock);

afterEach(() => nock.cleanAll());

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
		expect(result.error('Call')!.message).toBe(
			'AEP POST /flows failed: Bad gateway; the object may have been created; run again with "Reuse It" to pick it up instead of creating another',
		);
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
