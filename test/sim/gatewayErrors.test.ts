/**
 * The simulated edge when things go wrong or are looked back on: the error shapes of each layer,
 * fault switches, the request log and x-request-id.
 */
import { readAepError } from '../../nodes/AdobeExperiencePlatform/transport';
import { GET_SPECS, client, keysOf, sim, useGatewaySimulation } from './gatewayShared';
import { CLIENT_SECRET, FLOW, ORG_ID, SANDBOX, fetchToken, fillPlaceholders, http, seed } from './helpers';

useGatewaySimulation();

describe('Flow Service error shapes', () => {
	it('answers a body without a JSON content type with 400 "A valid content-type must be specified"', async () => {
		const answer = await http(`${sim.flowServiceUrl}/connections`, {
			method: 'POST',
			headers: { ...client.headers(), 'content-type': 'text/plain' },
			body: JSON.stringify(seed('000-base-connection-amazon-s3.request.json')),
		});
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail: 'A valid content-type must be specified' });
		expect(readAepError(answer.body)?.message).toBe('BadRequestError: A valid content-type must be specified');
	});

	it('answers an unknown spec ID with the API reference\'s {message}', async () => {
		const body = { ...fillPlaceholders(seed<any>('000-base-connection-amazon-s3.request.json')), connectionSpec: { id: 'not-a-spec', version: '1.0' } };
		const answer = await client.post('/connections', body);
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(seed('openapi-postTargetBaseConnection.response-400.json'));
	});

	it('answers invalid parameters with problem JSON naming every violation', async () => {
		const body = fillPlaceholders(seed<any>('000-base-connection-amazon-s3.request.json'));
		body.auth.params = { s3AccessKey: 'not-an-access-key' };
		const answer = await client.post('/connections', body);
		expect(answer.status).toBe(400);
		expect(answer.headers.get('content-type')).toBe('application/problem+json');
		expect(answer.body).toEqual({
			type: 'https://ns.adobe.com/aep/errors/FLOW-1103-400',
			title: 'Bad Request',
			status: 400,
			detail: 'auth.params is invalid: $.s3SecretKey: is missing but it is required; $.s3AccessKey: does not match the regex pattern ^[A-Z2-7]{20}$',
			report: {
				tenantInfo: { sandboxName: SANDBOX, sandboxId: expect.stringMatching(/^[0-9a-f-]{36}$/), imsOrgId: ORG_ID },
				'detailed-message': expect.any(String),
				additionalContext: {
					validationErrors: ['$.s3SecretKey: is missing but it is required', '$.s3AccessKey: does not match the regex pattern ^[A-Z2-7]{20}$'],
				},
			},
		});
		expect(readAepError(answer.body)?.message).toBe(`Bad Request: ${answer.body.detail}`);
	});

	it('names the allowed auth specs, and refuses secrets-free credentials and wrong target parameters', async () => {
		const sftp = fillPlaceholders(seed<any>('000-base-connection-sftp-password.request.json'));
		const wrongName = await client.post('/connections', { ...sftp, auth: { ...sftp.auth, specName: 'Password' } });
		expect(wrongName.body.detail).toBe('auth.specName "Password" is not an auth spec of SFTP; allowed: "SFTP with Password", "SFTP with SSH Key"');
		const noAuth = await client.post('/connections', { ...sftp, auth: undefined });
		expect(noAuth.body.detail).toBe('auth.specName is required for SFTP; allowed: "SFTP with Password", "SFTP with SSH Key"');

		const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
		const target = fillPlaceholders(seed<any>('000-target-connection-amazon-s3.request.json'), { '<FROM_STEP_CREATE_TARGET_BASE_CONNECTION>': base.id });
		const badTarget = await client.post('/targetConnections', { ...target, params: { ...target.params, compression: 'ZIP', bucketName: 'Bad_Bucket' } });
		expect(badTarget.status).toBe(400);
		expect(badTarget.body.report.additionalContext.validationErrors).toEqual([
			expect.stringMatching(/^\$\.bucketName: does not match the regex pattern /),
			'$.compression: does not have a value in the enumeration [NONE, GZIP]',
		]);
		const missingBase = await client.post('/targetConnections', { ...target, baseConnectionId: 'no-such-connection' });
		expect(missingBase.body.detail).toBe(`Base connection no-such-connection does not exist in sandbox ${SANDBOX}`);
		const malformed = await http(`${sim.flowServiceUrl}/flows`, { method: 'POST', headers: { ...client.headers(), 'content-type': 'application/json' }, body: '{"name":' });
		expect(malformed.status).toBe(400);
		expect(malformed.body.detail).toMatch(/^The request body is not valid JSON: /);
	});

	it('answers unknown IDs with Flow Service {errorMessage, errorDetails}', async () => {
		const flow = await client.get('/flows/ca5c6e9a-8559-4a08-97a5-f15b756da600-');
		expect(flow.status).toBe(404);
		const reference = seed<any>('openapi-getFlowById.response-404.json');
		expect(flow.body.errorMessage).toBe(reference.errorMessage);
		expect(keysOf(flow.body)).toEqual(keysOf(seed('openapi-patchFlowById.response-404.json')));
		expect((await client.get('/runs/nope')).body.errorMessage).toBe('runs not found with id = [nope]');
		expect((await client.get('/flowSpecs/nope')).body.errorMessage).toBe('flowSpecs not found with id = [nope]');
		expect(readAepError(flow.body)).toEqual({ message: reference.errorMessage, details: reference.errorMessage });
	});
});

describe('fault switches', () => {
	it('answers 429 with Retry-After for the next N matching requests', async () => {
		sim.faults.throttle({ count: 2, retryAfterSeconds: 7, pathPrefix: '/flowSpecs' });
		expect((await client.get(GET_SPECS)).status).toBe(200);
		for (let attempt = 0; attempt < 2; attempt++) {
			const answer = await client.get('/flowSpecs');
			expect(answer.status).toBe(429);
			expect(answer.headers.get('retry-after')).toBe('7');
			expect(answer.body).toEqual({ error_code: '429050', message: 'Too many requests' });
		}
		expect((await client.get('/flowSpecs')).status).toBe(200);
	});

	it('answers 5xx for the next N requests, in the gateway shape for 502-504 and Flow Service\'s for 500', async () => {
		await http(`${sim.url}/__sim/faults/server-errors`, { method: 'POST', body: JSON.stringify({ count: 1, status: 502 }) });
		await http(`${sim.url}/__sim/faults/server-errors`, { method: 'POST', body: JSON.stringify({ count: 1, status: 500, method: 'GET' }) });
		const first = await client.get(GET_SPECS);
		expect(first.status).toBe(502);
		expect(first.body).toEqual({ error_code: '502000', message: 'Bad Gateway' });
		const second = await client.get(GET_SPECS);
		expect(second.status).toBe(500);
		expect(second.body).toEqual({ errorMessage: 'Internal Server Error', errorDetails: 'Internal Server Error' });
		expect((await client.get(GET_SPECS)).status).toBe(200);
		expect(() => sim.faults.failWith({ count: 1, status: 418 })).toThrow('status 418 is not one of 500, 502, 503, 504');
	});

	it('resets the connection without an answer', async () => {
		sim.faults.resetConnections({ count: 1 });
		await expect(client.get(GET_SPECS)).rejects.toThrow('fetch failed');
		expect((await client.get(GET_SPECS)).status).toBe(200);
		expect(sim.state.requests.map((entry) => entry.status).slice(-2)).toEqual(['connection reset', 200]);
	});

	it('slows every answer down', async () => {
		await http(`${sim.url}/__sim/faults/delay`, { method: 'POST', body: JSON.stringify({ ms: 150 }) });
		const started = performance.now();
		expect((await client.get(GET_SPECS)).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(140);
		expect((await http(`${sim.url}/__sim/faults`)).body).toMatchObject({ delayMs: 150 });
		await http(`${sim.url}/__sim/faults`, { method: 'DELETE' });
		expect(sim.faults.delayMs).toBe(0);
	});

	it('refuses malformed fault requests', async () => {
		const answer = await http(`${sim.url}/__sim/faults/throttle`, { method: 'POST', body: JSON.stringify({ count: 0 }) });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ message: 'count 0 must be a whole number >= 1' });
	});
});

describe('request log and request IDs', () => {
	it('logs method, path, query and status of every call, never a secret or token', async () => {
		await client.get('/flows', { property: ['state==enabled', 'name==x'], limit: '5' });
		await fetchToken(sim, 'wrong');
		const log = await http(`${sim.url}/__sim/requests`);
		expect(log.body.items.map(({ method, path, query, status, sandbox }: any) => ({ method, path, query, status, sandbox }))).toEqual([
			{ method: 'POST', path: '/ims/token/v3', query: {}, status: 200, sandbox: undefined },
			{ method: 'GET', path: `${FLOW}/flows`, query: { property: ['state==enabled', 'name==x'], limit: '5' }, status: 200, sandbox: SANDBOX },
			{ method: 'POST', path: '/ims/token/v3', query: {}, status: 400, sandbox: undefined },
		]);
		const text = JSON.stringify(log.body);
		expect(text).not.toContain(CLIENT_SECRET);
		expect(text).not.toContain(client.token);
	});

	it('answers every request with its own x-request-id, matching the log', async () => {
		const ok = await client.get(GET_SPECS);
		const failed = await client.get('/flows/missing');
		const ids = [ok.headers.get('x-request-id'), failed.headers.get('x-request-id')];
		expect(new Set(ids).size).toBe(2);
		expect(sim.state.requests.slice(-2).map((entry) => entry.requestId)).toEqual(ids);
	});

	it('forgets everything on POST /__sim/reset', async () => {
		await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')));
		sim.faults.throttle({ count: 5 });
		expect((await http(`${sim.url}/__sim/reset`, { method: 'POST' })).status).toBe(204);
		expect(sim.state.requests).toEqual([]);
		expect(sim.faults.describe().throttle).toEqual([]);
		expect((await client.get('/connections')).status).toBe(401);
		await client.login();
		expect((await client.get('/connections')).body.items).toEqual([]);
	});
});
