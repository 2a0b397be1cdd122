/** nock helpers for Adobe IMS and Flow Service, shared by every node test. */
import nock from 'nock';

export const IMS = 'https://ims-na1.adobelogin.com';
export const GATEWAY = 'https://platform.adobe.io';
export const FLOW = '/data/foundation/flowservice';
export const TOKEN = 'eyJ-test-access-token';

export const AEP_HEADERS = {
	authorization: `Bearer ${TOKEN}`,
	'x-api-key': 'test-client-id',
	'x-gw-ims-org-id': '0123456789ABCDEF01234567@AdobeOrg',
	'x-sandbox-name': 'dev-sandbox',
};

/** Expects one IMS token request with the credential's form body; answers with `token`. */
export function expectTokenRequest(token = TOKEN, times = 1) {
	return nock(IMS)
		.post('/ims/token/v3', (body: Record<string, string>) =>
			body.grant_type === 'client_credentials' &&
			body.client_id === 'test-client-id' &&
			body.client_secret === 'p8e-TEST-SECRET-never-leak' &&
			body.scope === 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session',
		)
		.matchHeader('content-type', /application\/x-www-form-urlencoded/)
		.times(times)
		.reply(200, { access_token: token, token_type: 'bearer', expires_in: 86399 });
}

/** A Flow Service scope that insists on the four AEP headers on every call. */
export function flowService(headers: Record<string, string> = AEP_HEADERS) {
	return nock(`${GATEWAY}${FLOW}`, { reqheaders: headers });
}

export function resetNock() {
	nock.cleanAll();
	nock.disableNetConnect();
}

/** Fails the test when an expected request was not made, naming it. */
export function assertAllRequestsMade() {
	const pending = nock.pendingMocks();
	if (pending.length) throw new Error(`requests expected but not made:\n${pending.join('\n')}`);
}
