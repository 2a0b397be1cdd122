/**
 * The transport under faults, through the real engine: redirects never followed, URLs that would
 * send secrets over http refused, unreadable answers are errors, network errors say what happened,
 * timeouts, retries of reads, paging that would never end.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setMaxPages, setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, FLOW, flowService, GATEWAY, IMS, resetNock, TOKEN } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { HarnessTransport } from '../harness/transport-node';

const EVIL = 'https://evil.example.com';

function call(parameters: IDataObject, continueOnFail = false) {
	return chain([{ name: 'Call', type: HarnessTransport.type, parameters }], 'aep-1', { continueOnFail });
}

async function run(parameters: IDataObject, credentialOverrides: IDataObject = {}) {
	const credentials = aepCredentials(credentialOverrides as never);
	return await runWorkflow({ ...call(parameters), credentials });
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 2 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('redirects are never followed', () => {
	test('307 on POST /connections to another host: neither the body nor the token goes there', async () => {
		expectTokenRequest();
		flowService().post('/connections').reply(307, '', { location: `${EVIL}/steal` });
		const evil = nock(EVIL).post('/steal').reply(201, { id: 'x' });

		const result = await run({ method: 'POST', path: '/connections', body: '{"name":"n","auth":{"params":{"secretKey":"k"}}}' });

		expect(nock.pendingMocks()).toEqual(['POST https://evil.example.com:443/steal']);
		expect(evil.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error('Call')!.message).toBe(
			'AEP POST /connections was answered with a redirect (HTTP 307) to https://evil.example.com/steal, which was not followed',
		);
		expect(result.error('Call')!.description).toContain(
			'Redirects are never followed, because the access token and the request body (with any storage secret) would go with them to https://evil.example.com',
		);
	});

	test('302 on a GET: not followed, not retried', async () => {
		expectTokenRequest();
		flowService().get('/flows').reply(302, '', { location: `${EVIL}/flows` });
		const evil = nock(EVIL).get('/flows').reply(200, { items: [] });

		const result = await run({ path: '/flows' });

		expect(nock.pendingMocks()).toEqual(['GET https://evil.example.com:443/flows']);
		expect(evil.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error('Call')!.message).toMatch(/^AEP GET \/flows was answered with a redirect \(HTTP 302\) to https:\/\/evil\.example\.com\/flows/);
	});

	test('IMS answering 308: the client secret is not sent on', async () => {
		nock(IMS).post('/ims/token/v3').reply(308, '', { location: `${EVIL}/token` });
		const evil = nock(EVIL).post('/token').reply(200, { access_token: 'stolen' });

		const result = await run({ path: '/flows' });

		expect(evil.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error('Call')!.message).toContain(
			'Adobe IMS answered the token request with a redirect (HTTP 308) to https://evil.example.com/token, which was not followed because the client secret would go with it',
		);
	});
});

describe('credential URLs must be https, except loopback', () => {
	test('an http gateway on another host is refused before any request (no token fetched either)', async () => {
		const result = await run({ path: '/flows' }, { gatewayUrl: 'http://platform.example.com' });

		expect(result.error('Call')!.message).toBe(
			'The credential\'s Platform Gateway URL "http://platform.example.com" must start with https:// (plain http is allowed only for localhost), because secrets are sent to it. Fix it in the credential\'s advanced settings.',
		);
	});

	test('an http IMS URL on another host is refused before the secret is sent', async () => {
		const ims = nock('http://ims.example.com').post('/token').reply(200, { access_token: TOKEN });

		const result = await run({ path: '/flows' }, { imsTokenUrl: 'http://ims.example.com/token' });

		expect(ims.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error('Call')!.message).toContain('The credential\'s IMS Token URL "http://ims.example.com" must start with https://');
	});

	test('http on localhost is allowed (the local simulation)', async () => {
		nock('http://localhost:4010').post('/ims/token/v3').reply(200, { access_token: TOKEN, expires_in: 86399 });
		nock('http://localhost:4010').get(`${FLOW}/flows`).reply(200, { items: [] });

		const result = await run(
			{ path: '/flows' },
			{ imsTokenUrl: 'http://localhost:4010/ims/token/v3', gatewayUrl: 'http://localhost:4010' },
		);

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ items: [] });
	});
});

describe('an answer that cannot be read is an error, never an empty result', () => {
	test.each([
		['empty', ''],
		['HTML', '<html><body>Gateway maintenance</body></html>'],
		['not JSON', 'items: none'],
	])('GET answered 200 %s: retried, then the real answer is used', async (_kind, body) => {
		expectTokenRequest();
		flowService().get('/flows').reply(200, body, { 'content-type': 'text/html' });
		flowService().get('/flows').reply(200, { items: [{ id: 'f1' }] });

		const result = await run({ path: '/flows' });

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ items: [{ id: 'f1' }] });
	});

	test('GET answered 200 empty every time: an error that says so after the retries', async () => {
		expectTokenRequest();
		flowService().get('/flows').times(5).reply(200, '');

		const result = await run({ path: '/flows' });

		assertAllRequestsMade();
		expect(result.error('Call')!.message).toBe('AEP answered GET /flows with HTTP 200 but the answer could not be read (it was empty)');
		expect(result.error('Call')!.description).toBe('HTTP 200, after 4 retries. A proxy or gateway in between may have answered instead of AEP');
	});

	test('a create answered 201 with HTML: one POST, and the message says the object may exist', async () => {
		expectTokenRequest();
		flowService().post('/flows').once().reply(201, '<html>ok</html>');

		const result = await run({ method: 'POST', path: '/flows', body: '{"name":"x"}' });

		assertAllRequestsMade();
		expect(result.error('Call')!.message).toBe(
			'AEP answered POST /flows with HTTP 201 but the answer could not be read (it was HTML, not JSON); the object may have been created; run again with "Reuse It" to pick it up instead of creating another',
		);
	});

	test('a connection reset while the body is read is named as such, never "HTTP 200"', async () => {
		// A real server: the status line and half the body, then the socket is destroyed.
		let requests = 0;
		const server = createServer((_request, response) => {
			requests++;
			response.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
			response.write('{"items":[{"id":"r1"},');
			setTimeout(() => response.socket?.destroy(), 10);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			expectTokenRequest();
			const port = (server.address() as AddressInfo).port;

			const result = await run({ path: '/runs' }, { gatewayUrl: `http://127.0.0.1:${port}` });

			assertAllRequestsMade();
			expect(requests).toBe(5);
			expect(result.error('Call')!.message).toBe("AEP GET /runs: the connection was reset while reading AEP's answer");
			expect(result.error('Call')!.description ?? '').not.toMatch(/HTTP 2\d\d/);
		} finally {
			nock.disableNetConnect();
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('network errors say what happened', () => {
	test('an unknown host: could not reach it, check the gateway URL', async () => {
		expectTokenRequest();
		flowService().get('/flows').times(5).replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND platform.adobe.io'), { code: 'ENOTFOUND' }));

		const result = await run({ path: '/flows' });

		expect(result.error('Call')!.message).toBe(
			'AEP GET /flows: could not reach platform.adobe.io (ENOTFOUND); check the Platform Gateway URL in the credential',
		);
	});

	test('a create whose connection is reset: not repeated, the operation named, the object may exist', async () => {
		expectTokenRequest();
		flowService().post('/connections').once().replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

		const result = await run({ method: 'POST', path: '/connections', body: '{"name":"x"}' });

		assertAllRequestsMade();
		expect(result.error('Call')!.message).toBe(
			'AEP POST /connections: the connection to platform.adobe.io was reset before AEP answered; the object may have been created; run again with "Reuse It" to pick it up instead of creating another',
		);
	});

	test('the credential\'s Request Timeout ends a silent request', async () => {
		expectTokenRequest();
		flowService().post('/flows').delay(3000).reply(201, { id: 'late' });
		const started = Date.now();

		const result = await run({ method: 'POST', path: '/flows', body: '{"name":"x"}' }, { requestTimeoutSeconds: 1 });

		expect(Date.now() - started).toBeLessThan(2500);
		expect(result.error('Call')!.message).toMatch(
			/^AEP POST \/flows: AEP did not answer within 1 seconds \(the credential's Request Timeout\); the object may have been created/,
		);
	});

	test('reads are retried on 500', async () => {
		expectTokenRequest();
		flowService().get('/flows').reply(500, { message: 'Internal error' });
		flowService().get('/flows').reply(200, { items: [] });

		const result = await run({ path: '/flows' });

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ items: [] });
	});
});

describe('paging that would never end', () => {
	const page = (id: string, token?: string) => ({
		items: [{ id }],
		_links: token ? { next: { href: `/runs?continuationToken=${token}` } } : {},
	});

	test('a continuation token that repeats ends the listing with an error', async () => {
		expectTokenRequest();
		flowService().get('/runs').query({ limit: '100' }).reply(200, page('r1', 'A'));
		flowService().get('/runs').query({ limit: '100', continuationToken: 'A' }).reply(200, page('r2', 'B'));
		flowService().get('/runs').query({ limit: '100', continuationToken: 'B' }).reply(200, page('r3', 'A'));

		const result = await run({ call: 'continuation', path: '/runs' });

		assertAllRequestsMade();
		expect(result.error('Call')!.message).toBe(
			'Listing /runs stopped: AEP answered page 3 with the continuation token of an earlier page, so the listing would never end',
		);
	});

	test('at most the configured number of pages', async () => {
		const previous = setMaxPages(3);
		try {
			expectTokenRequest();
			let n = 0;
			flowService()
				.get('/runs')
				.query(true)
				.times(3)
				.reply(200, () => page(`r${++n}`, `T${n}`));

			const result = await run({ call: 'continuation', path: '/runs' });

			assertAllRequestsMade();
			expect(result.error('Call')!.message).toBe('Listing /runs stopped after 3 pages (300 items at most), the most one listing reads');
		} finally {
			setMaxPages(previous);
		}
	});

	test('a total of millions is refused after the first page instead of thousands of requests', async () => {
		expectTokenRequest();
		flowService()
			.get('/datasets')
			.query({ start: '0', limit: '100' })
			.reply(200, { items: [{ id: 'd1' }], pageInfo: { start: 0, total: 5_000_000, hasNext: true } });

		const result = await run({ call: 'startLimit', path: '/datasets' });

		assertAllRequestsMade();
		expect(result.error('Call')!.message).toBe('Listing /datasets stopped after 500 pages (50000 items at most), the most one listing reads');
	});
});

test('GATEWAY constant matches the default gateway', () => {
	expect(GATEWAY).toBe('https://platform.adobe.io');
});

test('a silent server is asked twice at most for a read, each attempt bounded by the Request Timeout', async () => {
	expectTokenRequest();
	flowService().get('/flows').times(2).delay(3000).reply(200, { items: [] });
	const started = Date.now();

	const result = await run({ path: '/flows' }, { requestTimeoutSeconds: 1 });

	assertAllRequestsMade();
	nock.abortPendingRequests();
	expect(Date.now() - started).toBeLessThan(3000);
	expect(result.error('Call')!.message).toBe("AEP GET /flows: AEP did not answer within 1 seconds (the credential's Request Timeout)");
	expect(result.error('Call')!.description).toBe('after 1 retry');
});
