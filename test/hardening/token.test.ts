/** The IMS token request under load and faults: one fetch shared, retries, trimming, unreadable answers. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, flowService, IMS, resetNock, TOKEN } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { chain, runWorkflow } from '../harness/engine';
import { HarnessTransport } from '../harness/transport-node';

function call(parameters: IDataObject) {
	return chain([{ name: 'Call', type: HarnessTransport.type, parameters }]);
}

async function run(parameters: IDataObject, credentialOverrides: IDataObject = {}) {
	return await runWorkflow({ ...call(parameters), credentials: aepCredentials(credentialOverrides as never) });
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 2 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('tokens', () => {
	test('concurrent executions on a cold credential share one token request', async () => {
		const ims = nock(IMS).post('/ims/token/v3').delay(50).reply(200, { access_token: TOKEN, expires_in: 86399 });
		flowService().get('/flows').times(20).reply(200, { items: [] });
		const credentials = aepCredentials();

		const results = await Promise.all(
			Array.from({ length: 20 }, async () => await runWorkflow({ ...call({ path: '/flows' }), credentials })),
		);

		assertAllRequestsMade();
		expect(ims.isDone()).toBe(true);
		for (const result of results) expect(result.output('Call')[0].json).toEqual({ items: [] });
	});

	test('the token request is retried on 429 and 5xx, and pasted values are trimmed', async () => {
		nock(IMS).post('/ims/token/v3').reply(503, 'busy');
		nock(IMS).post('/ims/token/v3').reply(429, { error: 'too_many' }, { 'retry-after': '0' });
		nock(IMS)
			.post('/ims/token/v3', (body: Record<string, string>) => body.client_id === 'test-client-id' && body.client_secret === 'p8e-TEST-SECRET-never-leak')
			.reply(200, { access_token: TOKEN, expires_in: 86399 });
		flowService().get('/flows').reply(200, { items: [] });

		const result = await run({ path: '/flows' }, { clientId: ' test-client-id\n', clientSecret: ' p8e-TEST-SECRET-never-leak ' });

		assertAllRequestsMade();
		expect(result.output('Call')[0].json).toEqual({ items: [] });
	});

	test('an IMS answer without a token is reported as unreadable', async () => {
		nock(IMS).post('/ims/token/v3').reply(200, '<html>login</html>');

		const result = await run({ path: '/flows' });

		assertAllRequestsMade();
		expect(result.error('Call')!.message).toContain(
			'Adobe IMS answered the token request with HTTP 200 but the answer could not be read: it is not JSON',
		);
	});
});

