/**
 * The fault proxy injects each kind as described: what the client sees, and whether the upstream
 * saw (and so may have acted on) the request. Real loopback sockets; nock lets 127.0.0.1 through.
 */
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';

import type { FaultKind, RequestFacts } from './plan';
import { applies, FAULT_KINDS, FaultPlan } from './plan';
import { FaultProxy } from './proxy';
import { ThiefServer } from './thief';

interface Answer {
	status?: number;
	headers?: IncomingHttpHeaders;
	body: string;
	error?: string;
	ms: number;
}

function send(url: string, method = 'GET', body?: string, headers: Record<string, string> = {}): Promise<Answer> {
	const started = Date.now();
	return new Promise((resolve) => {
		let status: number | undefined;
		let responseHeaders: IncomingHttpHeaders | undefined;
		let text = '';
		const req = httpRequest(url, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
			status = res.statusCode;
			responseHeaders = res.headers;
			res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
			res.on('end', () => resolve({ status, headers: responseHeaders, body: text, ms: Date.now() - started }));
			res.on('aborted', () => resolve({ status, headers: responseHeaders, body: text, error: 'aborted', ms: Date.now() - started }));
			res.on('error', (error: NodeJS.ErrnoException) =>
				resolve({ status, headers: responseHeaders, body: text, error: error.code ?? error.message, ms: Date.now() - started }),
			);
		});
		req.on('error', (error: NodeJS.ErrnoException) =>
			resolve({ status, headers: responseHeaders, body: text, error: error.code ?? error.message, ms: Date.now() - started }),
		);
		req.end(body);
	});
}

let upstream: Server;
let upstreamUrl: string;
const seen: Array<{ method: string; url: string; body: string }> = [];
let thief: ThiefServer;

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	upstream = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', body });
			const text = JSON.stringify({ items: [{ id: 'a1', name: 'from upstream' }], echo: body.length });
			res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
			res.end(text);
		});
	});
	await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
	upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
	thief = await new ThiefServer().start();
});

afterAll(async () => {
	await thief.close();
	await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

async function withProxy<T>(forced: FaultKind | undefined, work: (proxy: FaultProxy) => Promise<T>, options: { maxFaults?: number; maxRequestsPerRun?: number } = {}): Promise<T> {
	const plan = new FaultPlan({ seed: 1, rate: 0 });
	if (forced) plan.force([{ kind: forced, when: () => true, times: 1 }]);
	const proxy = await new FaultProxy({
		upstream: upstreamUrl,
		plan,
		imsPaths: ['/ims/token/v3'],
		redirectTo: thief.url,
		maxFaults: options.maxFaults ?? 10,
		maxRequestsPerRun: options.maxRequestsPerRun ?? 100,
		seed: 1,
		slowMs: [150, 200],
	}).start();
	try {
		seen.length = 0;
		return await work(proxy);
	} finally {
		await proxy.close();
	}
}

const FLOW = '/data/foundation/flowservice/flows';
const IMS = '/ims/token/v3';

test('without a fault the request is forwarded and the answer relayed', async () => {
	await withProxy(undefined, async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}?limit=1`);
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body).items[0].name).toBe('from upstream');
		expect(seen).toEqual([{ method: 'GET', url: `${FLOW}?limit=1`, body: '' }]);
		expect(proxy.faultsInjected).toBe(0);
	});
});

test.each([
	['throttle-429-retry-after', 429, '1'],
	['throttle-429-no-retry-after', 429, undefined],
	['error-500-before', 500, undefined],
	['error-502-before', 502, undefined],
	['error-503-before', 503, undefined],
	['error-504-before', 504, undefined],
	['expired-401', 401, undefined],
] as const)('%s answers %i without forwarding', async (kind, status, retryAfter) => {
	await withProxy(kind, async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}`);
		expect(answer.status).toBe(status);
		expect(answer.headers?.['retry-after']).toBe(retryAfter);
		expect(seen).toHaveLength(0);
		expect(proxy.log[0]).toMatchObject({ fault: kind, forwarded: false, outcome: status });
	});
});

test('error-5xx-after-acted forwards (the server acts) and answers a 5xx', async () => {
	await withProxy('error-5xx-after-acted', async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}`, 'POST', '{"name":"x"}');
		expect([500, 502, 503, 504]).toContain(answer.status);
		expect(seen).toHaveLength(1);
		expect(seen[0].body).toBe('{"name":"x"}');
	});
});

test('reset-before-answer destroys the connection without forwarding', async () => {
	await withProxy('reset-before-answer', async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}`, 'POST', '{}');
		expect(answer.status).toBeUndefined();
		expect(answer.error).toMatch(/ECONNRESET|socket hang up/);
		expect(seen).toHaveLength(0);
	});
});

test('reset-mid-response sends the status and part of the body, then resets', async () => {
	await withProxy('reset-mid-response', async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}`);
		expect(answer.status).toBe(200);
		expect(answer.error).toBeDefined();
		expect(answer.body.length).toBeGreaterThan(0);
		expect(() => JSON.parse(answer.body)).toThrow();
		expect(seen).toHaveLength(1);
	});
});

test('slow-answer waits, then forwards', async () => {
	await withProxy('slow-answer', async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}`);
		expect(answer.status).toBe(200);
		expect(answer.ms).toBeGreaterThanOrEqual(140);
		expect(seen).toHaveLength(1);
	});
});

test('silent-server never answers until released', async () => {
	await withProxy('silent-server', async (proxy) => {
		const pending = send(`${proxy.url}${FLOW}`);
		const early = await Promise.race([pending, new Promise<'none'>((resolve) => setTimeout(() => resolve('none'), 300))]);
		expect(early).toBe('none');
		expect(proxy.releaseSilent()).toBe(1);
		const answer = await pending;
		expect(answer.status).toBeUndefined();
		expect(answer.error).toBeDefined();
		expect(seen).toHaveLength(0);
	});
});

test('precondition-412 applies to PATCH only', async () => {
	await withProxy('precondition-412-patch', async (proxy) => {
		expect((await send(`${proxy.url}${FLOW}/x`, 'POST', '{}')).status).toBe(201);
		const answer = await send(`${proxy.url}${FLOW}/x`, 'PATCH', '[]', { 'If-Match': '"1"' });
		expect(answer.status).toBe(412);
		expect(seen.map((s) => s.method)).toEqual(['POST']);
	});
});

test.each([
	['malformed-json-2xx', 'application/json', (body: string) => expect(() => JSON.parse(body)).toThrow()],
	['empty-body-2xx', 'application/json', (body: string) => expect(body).toBe('')],
	['html-body-2xx', 'text/html', (body: string) => expect(body).toMatch(/^<html>/)],
] as const)('%s forwards (the server acts) and answers its 2xx status with garbage', async (kind, contentType, check) => {
	await withProxy(kind, async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}`, 'POST', '{"name":"x"}');
		expect(answer.status).toBe(201);
		expect(answer.headers?.['content-type']).toBe(contentType);
		check(answer.body);
		expect(seen).toHaveLength(1);
	});
});

test('secret-echo-400 echoes the request body in AEP problem JSON, without forwarding', async () => {
	await withProxy('secret-echo-400', async (proxy) => {
		const answer = await send(`${proxy.url}${FLOW}`, 'POST', '{"auth":{"params":{"key":"CANARY-1"}}}');
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body).detail).toContain('"key":"CANARY-1"');
		expect(seen).toHaveLength(0);
	});
});

test.each([
	['redirect-302-get', 'GET', 302],
	['redirect-307-write', 'POST', 307],
	['redirect-308-write', 'POST', 308],
] as const)('%s points at the thief, which records headers and body', async (kind, method, status) => {
	await withProxy(kind, async (proxy) => {
		const body = method === 'POST' ? '{"secret":"CANARY-2"}' : undefined;
		const answer = await send(`${proxy.url}${FLOW}?x=1`, method, body, { authorization: 'Bearer tok-1' });
		expect(answer.status).toBe(status);
		expect(answer.headers?.location).toBe(`${thief.url}${FLOW}?x=1`);
		expect(seen).toHaveLength(0);
		const before = thief.stolen.length;
		await send(answer.headers!.location!, method, body, { authorization: 'Bearer tok-1' });
		expect(thief.stolen[before]).toMatchObject({ method, url: `${FLOW}?x=1`, body: body ?? '' });
		expect(thief.stolen[before].headers.authorization).toBe('Bearer tok-1');
	});
});

test.each([
	['ims-429', [429]],
	['ims-5xx', [500, 502, 503, 504]],
	['ims-empty-200', [200]],
	['ims-html-200', [200]],
	['ims-secret-echo-400', [400]],
	['ims-redirect-308', [308]],
] as const)('%s is injected on the token request only', async (kind, statuses) => {
	await withProxy(kind, async (proxy) => {
		expect((await send(`${proxy.url}${FLOW}`)).status).toBe(200);
		const form = 'grant_type=client_credentials&client_secret=CANARY%2F3';
		const answer = await send(`${proxy.url}${IMS}`, 'POST', form, { 'content-type': 'application/x-www-form-urlencoded' });
		expect(statuses).toContain(answer.status);
		if (kind === 'ims-secret-echo-400') expect(answer.body).toContain('client_secret=CANARY%2F3');
		if (kind === 'ims-empty-200') expect(answer.body).toBe('');
		if (kind === 'ims-html-200') expect(answer.body).toMatch(/<html>/);
		expect(proxy.log[1].fault).toBe(kind);
	});
});

test('fault budget and request budget bound the proxy', async () => {
	await withProxy(undefined, async (proxy) => {
		(proxy as unknown as { options: { plan: FaultPlan } }).options.plan.force([{ kind: 'expired-401', when: () => true, times: 5 }]);
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await send(`${proxy.url}${FLOW}`)).status);
		expect(statuses).toEqual([401, 401, 200, 503]);
		expect(proxy.faultsInjected).toBe(2);
		expect(proxy.log[3].outcome).toBe('over budget');
	}, { maxFaults: 2, maxRequestsPerRun: 3 });
});

test('only loopback origins are accepted', () => {
	const plan = new FaultPlan({ seed: 1, rate: 0 });
	expect(() => new FaultProxy({ upstream: 'http://example.com', plan, imsPaths: [], redirectTo: thief.url, maxFaults: 1, maxRequestsPerRun: 1, seed: 1 })).toThrow(/loopback/);
	expect(() => new FaultProxy({ upstream: upstreamUrl, plan, imsPaths: [], redirectTo: 'http://10.0.0.1:1', maxFaults: 1, maxRequestsPerRun: 1, seed: 1 })).toThrow(/loopback/);
});

test('decisions are seeded and do not depend on request order', () => {
	const facts = (i: number): RequestFacts => ({ run: 'r', method: i % 2 ? 'GET' : 'POST', route: `/flows/${i % 5}`, isIms: false, hasBody: true, occurrence: i });
	const decide = (seed: number, order: number[]) => {
		const plan = new FaultPlan({ seed, rate: 0.5 });
		const result = new Map<number, FaultKind | undefined>();
		for (const i of order) result.set(i, plan.decide(facts(i)));
		return [...result].sort(([a], [b]) => a - b).map(([, kind]) => kind);
	};
	const order = Array.from({ length: 200 }, (_, i) => i);
	expect(decide(7, order)).toEqual(decide(7, [...order].reverse()));
	expect(decide(7, order)).not.toEqual(decide(8, order));
	const picked = decide(7, order).filter(Boolean);
	expect(picked.length).toBeGreaterThan(60);
	expect(picked.length).toBeLessThan(140);
	for (const [i, kind] of decide(7, order).entries()) if (kind) expect(applies(kind, facts(i))).toBe(true);
});

test('every kind applies to some request, and IMS kinds only to IMS', () => {
	const requests: RequestFacts[] = ['GET', 'POST', 'PATCH'].flatMap((method) => [
		{ run: 'r', method, route: '/flows', isIms: false, hasBody: method !== 'GET', occurrence: 0 },
		{ run: 'r', method, route: IMS, isIms: true, hasBody: true, occurrence: 0 },
	]);
	for (const kind of FAULT_KINDS) expect(requests.some((r) => applies(kind, r))).toBe(true);
	for (const kind of FAULT_KINDS.filter((k) => k.startsWith('ims-'))) {
		expect(requests.filter((r) => applies(kind, r)).every((r) => r.isIms)).toBe(true);
	}
});
