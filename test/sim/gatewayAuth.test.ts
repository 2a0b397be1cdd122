/**
 * The simulated edge's door: the IMS token endpoint and the gateway's checks of the four AEP headers.
 */
import { readAepError } from '../../nodes/AdobeExperiencePlatform/transport';
import { GET_SPECS, advanceClock, client, keysOf, sim, useGatewaySimulation } from './gatewayShared';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	FlowClient,
	ORG_ID,
	SANDBOX,
	fetchToken,
	fillPlaceholders,
	http,
	seed,
	startTestSimulation,
} from './helpers';

useGatewaySimulation();

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
		advanceClock(3600 * 1000);
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
