/** Secret forms and the misleading-message rules the suite judges by. */
import { base64Forms, encodedForms, misleadingReason, scan } from './checks';

test('secrets are found raw, URL-encoded and in Base64 at any alignment', () => {
	const secret = { label: 's', value: 'CNRYx+7Qx/9Lm' };
	expect(encodedForms(secret.value).map((f) => f.encoding)).toEqual(expect.arrayContaining(['raw', 'url-encoded', 'base64']));
	for (const prefix of ['', 'a', 'ab', 'abc']) {
		const text = Buffer.from(`${prefix}${secret.value}tail`).toString('base64');
		expect(scan(text, [secret], 'here')).toHaveLength(1);
	}
	expect(scan(`x=${encodeURIComponent(secret.value)}`, [secret], 'here')[0].encoding).toBe('url-encoded');
	expect(scan('nothing to see', [secret], 'here')).toHaveLength(0);
	expect(base64Forms('abcdefghij').length).toBeGreaterThan(0);
});

test('messages are judged misleading as the issue defines', () => {
	expect(misleadingReason({ name: 'NodeApiError', message: 'AEP GET /runs failed with HTTP 200' })).toMatch(/2xx/);
	expect(misleadingReason({ name: 'Error', message: 'AEP GET /runs failed' })).toMatch(/not NodeApiError/);
	expect(misleadingReason({ name: 'NodeOperationError', message: 'Invalid Source Connection: nothing.' })).toMatch(/empty/);
	expect(misleadingReason({ name: 'NodeApiError', message: 'Something went wrong' })).toMatch(/no operation/);
	expect(misleadingReason({ name: 'NodeApiError', message: 'AEP POST /flows failed: the connection was reset' })).toBeUndefined();
});

test('a 2xx answer that could not be read is a clear error; a 2xx said to have failed is not', () => {
	const unreadableCreate =
		'AEP answered POST /sourceConnections with HTTP 201 but the answer could not be read (it was not JSON); the source connection may have been created; run again with "Reuse It" to pick it up instead of creating another';
	expect(misleadingReason({ name: 'NodeApiError', message: unreadableCreate })).toBeUndefined();
	// The transport's facts line repeats the status: still clear.
	expect(misleadingReason({ name: 'NodeApiError', message: unreadableCreate, description: 'HTTP 201, request id r-1' })).toBeUndefined();
	expect(misleadingReason({ name: 'NodeApiError', message: unreadableCreate, description: 'HTTP 200, request id r-1' })).toBe(
		'says an HTTP 2xx failed',
	);
	const unreadableToken =
		'AEP GET /connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0/configs: the request could not be completed (Adobe IMS answered the token request with HTTP 200 but the answer could not be read: it is not JSON)';
	expect(misleadingReason({ name: 'NodeApiError', message: unreadableToken })).toBeUndefined();
	expect(misleadingReason({ name: 'NodeApiError', message: 'AEP GET /runs failed with HTTP 200' })).toBe('says an HTTP 2xx failed');
	expect(misleadingReason({ name: 'NodeApiError', message: 'AEP GET /runs failed', description: 'HTTP 200' })).toBe('says an HTTP 2xx failed');
	// Only the clause itself is cleared: a 2xx said to have failed next to it still counts.
	expect(
		misleadingReason({ name: 'NodeApiError', message: `${unreadableCreate}; AEP GET /flows failed with HTTP 200` }),
	).toBe('says an HTTP 2xx failed');
	expect(misleadingReason({ name: 'NodeApiError', message: 'AEP answered GET /flows with HTTP 200 and failed' })).toBe(
		'says an HTTP 2xx failed',
	);
});
