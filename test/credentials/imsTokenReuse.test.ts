/**
 * The AEP credential's preAuthentication asks IMS once per credential and process until the token
 * expires: callers that ask at the same moment share one request (a queue-mode worker starts 10
 * executions that all find the stored token empty), callers that still hold no token (they read the
 * credential before n8n saved the new token) get the token already fetched, and a caller whose token
 * was refused gets the newer one, or a new one when it holds the newest.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { AepPlatformApi } from '../../credentials/AepPlatformApi.credentials';

const credential = new AepPlatformApi();
const CREDENTIALS: ICredentialDataDecryptedObject = {
	clientId: ' client-1 ',
	clientSecret: 'secret-1',
	organizationId: 'ORG@AdobeOrg',
	sandboxName: 'prod',
	scopes: 'openid, AdobeID',
	imsTokenUrl: 'http://127.0.0.1:1/ims/token/v3',
};

/** An IMS stand-in whose answers the test releases one by one. */
function ims() {
	const calls: IHttpRequestOptions[] = [];
	const answers: Array<(answer: { statusCode: number; body: unknown }) => void> = [];
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				return await new Promise((resolve) => answers.push(resolve));
			},
		},
	} as unknown as IHttpRequestHelper;
	const answer = (index: number, accessToken: string | null, expiresIn = 86399) =>
		answers[index](
			accessToken
				? { statusCode: 200, body: { access_token: accessToken, expires_in: expiresIn } }
				: { statusCode: 400, body: { error: 'invalid_client', error_description: 'invalid client_secret parameter' } },
		);
	return { helper, calls, answer };
}

/** What preAuthentication returns: the token, and what it was obtained with (checked by the credential's own tests). */
const token = (accessToken: string) => ({ accessToken, tokenFor: expect.any(String) });

const preAuthentication = (helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) =>
	credential.preAuthentication.call(helper, { ...credentials });

describe('AEP credential: one IMS token request per credential and process until expiry', () => {
	it('callers at the same moment share one request; later callers without a token get it too', async () => {
		const { helper, calls, answer } = ims();
		const together = [1, 2, 3].map(() => preAuthentication(helper, CREDENTIALS));
		await Promise.resolve();
		expect(calls).toHaveLength(1);
		expect(calls[0]).toEqual({
			method: 'POST',
			url: 'http://127.0.0.1:1/ims/token/v3',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=client_credentials&client_id=client-1&client_secret=secret-1&scope=openid%2CAdobeID',
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 60000,
		});
		answer(0, 'token-A');
		const tokens = await Promise.all(together);
		expect(tokens).toEqual([token('token-A'), token('token-A'), token('token-A')]);
		// each caller gets its own object (n8n assigns it into that execution's credentials)
		expect(tokens[0]).not.toBe(tokens[1]);

		await expect(preAuthentication(helper, { ...CREDENTIALS, accessToken: '' })).resolves.toEqual(token('token-A'));
		expect(calls).toHaveLength(1);
	});

	it('a refused token is replaced once: callers holding it share one new request, callers holding an older one get the newest', async () => {
		const { helper, calls, answer } = ims();
		const first = preAuthentication(helper, CREDENTIALS);
		answer(0, 'token-A');
		await first;
		const refused = [1, 2].map(() => preAuthentication(helper, { ...CREDENTIALS, accessToken: 'token-A' }));
		await Promise.resolve();
		expect(calls).toHaveLength(2);
		answer(1, 'token-B');
		await expect(Promise.all(refused)).resolves.toEqual([token('token-B'), token('token-B')]);
		await expect(preAuthentication(helper, { ...CREDENTIALS, accessToken: 'token-A' })).resolves.toEqual(token('token-B'));
		await expect(preAuthentication(helper, CREDENTIALS)).resolves.toEqual(token('token-B'));
		expect(calls).toHaveLength(2);
	});

	it('a caller refused with a token another process fetched asks again: the first token may be revoked with it', async () => {
		const { helper, calls, answer } = ims();
		const first = preAuthentication(helper, CREDENTIALS);
		answer(0, 'token-this-process');
		await first;
		const refused = preAuthentication(helper, { ...CREDENTIALS, accessToken: 'token-other-process' });
		await Promise.resolve();
		expect(calls).toHaveLength(2);
		answer(1, 'token-new');
		await expect(refused).resolves.toEqual(token('token-new'));
	});

	it('a token with less than 5 minutes left, or no lifetime, is not handed out again', async () => {
		const { helper, calls, answer } = ims();
		const short = preAuthentication(helper, CREDENTIALS);
		answer(0, 'token-short', 299);
		await short;
		const next = preAuthentication(helper, CREDENTIALS);
		await Promise.resolve();
		expect(calls).toHaveLength(2);
		answer(1, 'token-none', 0);
		await expect(next).resolves.toEqual(token('token-none'));
		const last = preAuthentication(helper, CREDENTIALS);
		await Promise.resolve();
		expect(calls).toHaveLength(3);
		answer(2, 'token-long');
		await expect(last).resolves.toEqual(token('token-long'));
	});

	it('another secret, client, scope or token URL is another request', async () => {
		const { helper, calls, answer } = ims();
		const variants = [
			CREDENTIALS,
			{ ...CREDENTIALS, clientSecret: 'secret-2' },
			{ ...CREDENTIALS, clientId: 'client-2' },
			{ ...CREDENTIALS, scopes: 'openid' },
			{ ...CREDENTIALS, imsTokenUrl: 'http://127.0.0.1:2/ims/token/v3' },
		];
		const pending = variants.map((c) => preAuthentication(helper, c));
		await Promise.resolve();
		expect(calls).toHaveLength(5);
		variants.forEach((_, i) => answer(i, `token-${i}`));
		await expect(Promise.all(pending)).resolves.toEqual(variants.map((_, i) => token(`token-${i}`)));
	});

	it('a refused request fails every caller that shared it, and is not remembered', async () => {
		const { helper, calls, answer } = ims();
		const together = [preAuthentication(helper, CREDENTIALS), preAuthentication(helper, CREDENTIALS)];
		await Promise.resolve();
		expect(calls).toHaveLength(1);
		answer(0, null);
		for (const p of together) {
			await expect(p).rejects.toThrow('Adobe IMS refused the token request: invalid client_secret parameter (invalid_client)');
		}
		const retry = preAuthentication(helper, CREDENTIALS);
		await Promise.resolve();
		expect(calls).toHaveLength(2);
		answer(1, 'token-C');
		await expect(retry).resolves.toEqual(token('token-C'));
	});
});
