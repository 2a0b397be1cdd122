/**
 * Pieces that the engine tests cannot reach: n8n-core before 2.9 (which hands a 401 back despite
 * `except: [401]`), retry jitter, and the forms a secret is masked in.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { aepRequestBody, redactValue, rememberSecrets, SECRET_MASK, setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { retryDelay } from '../../nodes/AdobeExperiencePlatform/transport/retry';
import { redactText } from '../../nodes/AdobeExperiencePlatform/transport/secrets';
import type { AepContext } from '../../nodes/AdobeExperiencePlatform/transport/types';

const NODE = { id: 'n', name: 'Node', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** A node context whose request helper behaves like n8n-core before 2.9 (except ignored) and then refreshes on a thrown 401. */
function oldN8nContext(calls: IDataObject[]): AepContext {
	let token = 'old-token';
	return {
		getNode: () => NODE,
		getCredentials: async () => ({ clientId: 'c', clientSecret: 'client-secret-value', accessToken: token }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IDataObject) => {
				calls.push({ ignore: options.ignoreHttpStatusErrors, token });
				if (options.ignoreHttpStatusErrors) return { statusCode: 401, headers: {}, body: { error_code: '401013', message: 'Oauth token is not valid' } };
				// What n8n does when the 401 throws: preAuthentication, then the request once more.
				token = 'new-token';
				calls.push({ refreshed: true, token });
				return { statusCode: 200, headers: {}, body: { items: [{ id: 'f1' }] } };
			},
		},
	} as unknown as AepContext;
}

test('n8n-core before 2.9: a 401 handed back is sent again without ignoring statuses, so n8n refreshes the token', async () => {
	const calls: IDataObject[] = [];

	const body = await aepRequestBody(oldN8nContext(calls), { method: 'GET', path: '/flows' });

	expect(body).toEqual({ items: [{ id: 'f1' }] });
	expect(calls).toEqual([
		{ ignore: { ignore: true, except: [401] }, token: 'old-token' },
		{ ignore: false, token: 'old-token' },
		{ refreshed: true, token: 'new-token' },
	]);
});

describe('retry delays', () => {
	beforeAll(() => setRetryPolicy({ baseDelayMs: 500, maxDelayMs: 30_000 }));
	afterAll(() => setRetryPolicy({ baseDelayMs: 1 }));

	test('exponential with jitter: between half and all of base × 2^attempt', () => {
		expect(retryDelay(0, undefined, () => 0)).toBe(250);
		expect(retryDelay(0, undefined, () => 1)).toBe(500);
		expect(retryDelay(3, undefined, () => 0.5)).toBe(3000);
		const spread = new Set(Array.from({ length: 50 }, () => retryDelay(2, undefined)));
		expect(spread.size).toBeGreaterThan(10);
	});

	test('Retry-After is honoured as given, capped', () => {
		expect(retryDelay(0, '2', () => 0)).toBe(2000);
		expect(retryDelay(0, '3600', () => 0)).toBe(30_000);
	});
});

describe('masking', () => {
	const secret = 'Zx9/secret+value=with spaces&more';
	beforeAll(() => rememberSecrets([secret]));

	test.each([
		['as sent', secret],
		['Base64', Buffer.from(secret).toString('base64')],
		['Base64 without padding', Buffer.from(secret).toString('base64').replace(/=+$/, '')],
		['Base64url', Buffer.from(secret).toString('base64url')],
		['URL-encoded', encodeURIComponent(secret)],
		['form-encoded', new URLSearchParams({ v: secret }).toString().slice(2)],
	])('%s', (_form, shown) => {
		expect(redactText(`before ${shown} after`)).toBe(`before ${SECRET_MASK} after`);
	});

	test('secret-named keys and bearer tokens are masked even when never remembered', () => {
		expect(
			redactValue({ nested: [{ client_secret: 'unseen-1', privateKey: 'unseen-2', name: 'kept' }], header: 'Bearer abc.def.ghi' }),
		).toEqual({ nested: [{ client_secret: SECRET_MASK, privateKey: SECRET_MASK, name: 'kept' }], header: `Bearer ${SECRET_MASK}` });
	});
});

test('prose about a secret field is not mangled; echoed forms and JSON are', () => {
	expect(redactText('$.params.password: is required; secretKey: must be 40 characters')).toBe(
		'$.params.password: is required; secretKey: must be 40 characters',
	);
	expect(redactText('form client_secret=abc123xyz&scope=openid')).toBe(`form client_secret=${SECRET_MASK}&scope=openid`);
	expect(redactText('{"s3SecretKey":"never-seen-value","name":"x"}')).toBe(`{"s3SecretKey":"${SECRET_MASK}","name":"x"}`);
});
