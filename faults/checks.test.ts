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
