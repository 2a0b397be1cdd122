/**
 * The simulated edge: IMS tokens, the four AEP headers, the error shapes of each layer, fault
 * switches, the request log and x-request-id.
 */
import type { Simulation } from '../../sim/index';
import { readAepError } from '../../nodes/AdobeExperiencePlatform/transport';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	FLOW,
	FlowClient,
	ORG_ID,
	SANDBOX,
	allowOnlyLocalhost,
	fetchToken,
	fillPlaceholders,
	http,
	seed,
	startTestSimulation,
} from './helpers';

allowOnlyLocalhost();

let sim: Simulation;
let client: FlowClient;
let now = Date.UTC(2025, 5, 1, 12, 0, 0);

beforeAll(async () => {
	sim = await startTestSimulation({ clock: () => now, tokenLifetimeSeconds: 3600 });
});
beforeEach(async () => {
	await http(`${sim.url}/__sim/reset`, { method: 'POST' });
	client = await new FlowClient(sim).login();
});
afterAll(async () => await sim.close());

const keysOf = (value: object) => Object.keys(value).sort();
const GET_SPECS = '/connectionSpecs';

describe('IMS token endpoint', () => {
	it('issues a bearer token for the configured client, as IMS answers', async () => {
		const answer = await fetchToken(sim);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600 });
		expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('refuses a wrong secret with IMS error JSON', async () => {
		const answer = await fetchToken(sim, 'wrong');
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ error: 'invalid_client', error_description: 'invalid client_secret parameter' });
		expect(readAepError(answer.body)).toEqual({ message: 'invalid client_secret parameter', code: 'invalid_client' });
	});

	it('refuses an unknown client, a wrong grant, a JSON body and a secret in the URL', async () => {
		const form = (fields: Record<string, string>) => new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'openid', ...fields }).toString();
		const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
		expect((await http(sim.imsTokenUrl, { method: 'POST', headers: formHeaders, body: form({ client_id: 'other' }) })).body).toEqual({
			error: 'invalid_client',
			error_description: 'invalid client_id parameter',
		});
		expect((await http(sim.imsTokenUrl, { method: 'POST', headers: formHeaders, body: form({ grant_type: 'password' }) })).body.error).toBe(
			'unsupported_grant_type',
		);
		expect((await http(sim.imsTokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).body.error).toBe(
			'invalid_request',
		);
		const inUrl = await http(`${sim.imsTokenUrl}?client_secret=${CLIENT_SECRET}`, { method: 'POST', headers: formHeaders, body: form({}) });
		expect(inUrl.status).toBe(400);
		expect(inUrl.body.error_description).toBe('client_secret must be sent in the form body, not in the URL');
	});
});

describe('gateway header checks', () => {
	const call = (headers: Record<string, string>) => http(`${sim.flowServiceUrl}${GET_SPECS}`, { headers });

	it('accepts the four headers', async () => {
		expect((await call(client.headers())).status).toBe(200);
	});

	it.each([
		['no Authorization', { authorization: undefined }, 403, '403010', 'Oauth token is missing.'],
		['an unknown token', { authorization: 'Bearer not-issued' }, 401, '401013', 'Oauth token is not valid'],
		['no x-api-key', { 'x-api-key': undefined }, 403, '403000', 'Api Key is required'],
		['another client as x-api-key', { 'x-api-key': 'someone-else' }, 403, '403003', 'Api Key is invalid'],
		['no x-gw-ims-org-id', { 'x-gw-ims-org-id': undefined }, 400, '400003', 'Missing header'],
		['an organization without @AdobeOrg', { 'x-gw-ims-org-id': '0123456789ABCDEF01234567' }, 403, '403027', 'User region is missing'],
	])('answers %s with the gateway shape', async (_case, change, status, code, message) => {
		const headers: Record<string, string> = { ...client.headers() };
		for (const [name, value] of Object.entries(change)) {
			if (value === undefined) delete headers[name];
			else headers[name] = value;
		}
		const answer = await call(headers);
		expect(answer.status).toBe(status);
		expect(answer.body).toEqual({ error_code: code, message });
		// Same keys as the API reference's 401 example (which writes the code as a number).
		expect(keysOf(answer.body)).toEqual(keysOf(seed('openapi-getFlows.response-401.json')));
		expect(answer.headers.get('x-request-id')).toBeTruthy();
		expect(readAepError(answer.body)).toEqual({ message, code });
	});

	it('checks the organization when one is configured', async () => {
		const strict = await startTestSimulation({ organizationId: ORG_ID });
		try {
			const strictClient = await new FlowClient(strict).login();
			const answer = await http(`${strict.flowServiceUrl}${GET_SPECS}`, {
				headers: { ...strictClient.headers(), 'x-gw-ims-org-id': 'FEDCBA9876543210FEDCBA98@AdobeOrg' },
			});
			expect(answer.status).toBe(403);
			expect(answer.body).toEqual({ error_code: '403025', message: 'Profile is not valid' });
			expect((await strictClient.get(GET_SPECS)).status).toBe(200);
		} finally {
			await strict.close();
		}
	});

	it('expires tokens after their lifetime and on demand, until a new token is fetched', async () => {
		now += 3600 * 1000;
		expect((await client.get(GET_SPECS)).body).toEqual({ error_code: '401013', message: 'Oauth token is not valid' });
		await client.login();
		expect((await client.get(GET_SPECS)).status).toBe(200);

		sim.faults.expireTokens();
		const expired = await client.get(GET_SPECS);
		expect(expired.status).toBe(401);
		expect(expired.body.error_code).toBe('401013');
		await client.login();
		expect((await client.get(GET_SPECS)).status).toBe(200);

		const viaAdmin = await http(`${sim.url}/__sim/faults/expire-tokens`, { method: 'POST' });
		expect(viaAdmin.status).toBe(200);
		expect((await client.get(GET_SPECS)).status).toBe(401);
	});

	it('runs a call without x-sandbox-name in prod, and keeps sandboxes apart', async () => {
		const base = await client.create('/connections', fillPlaceholders(seed('000-base-connection-amazon-s3.request.json')), SANDBOX);
		expect((await client.get(`/connections/${base.id}`, undefined, SANDBOX)).status).toBe(200);
		const elsewhere = await client.get(`/connections/${base.id}`, undefined, 'other-sandbox');
		expect(elsewhere.status).toBe(404);
		expect(elsewhere.body).toEqual({
			errorMessage: `connections not found with id = [${base.id}]`,
			errorDetails: `connections not found with id = [${base.id}]`,
		});

		const headers = { ...client.headers(), 'content-type': 'application/json' };
		delete (headers as Record<string, string>)['x-sandbox-name'];
		const inProd = await http(`${sim.flowServiceUrl}/connections`, {
			method: 'POST',
			headers,
			body: JSON.stringify(fillPlaceholders(seed('000-base-connection-amazon-s3.request.json'))),
		});
		expect(inProd.status).toBe(201);
		expect((await client.get(`/connections/${inProd.body.id}`, undefined, 'prod')).body.items[0].sandboxName).toBe('prod');
		expect((await client.get(`/connections/${inProd.body.id}`, undefined, SANDBOX)).status).toBe(404);
	});
});

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
