/** nock helpers for Adobe IMS and Flow Service, shared by every node test. */
import nock from 'nock';

import { forgetImsTokens } from '../../credentials/AepPlatformApi.credentials';

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

/** The four AEP headers plus the JSON content type every POST, PUT and PATCH must carry. */
export const AEP_JSON_HEADERS = { ...AEP_HEADERS, 'content-type': 'application/json' };

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

export interface ExpectPostOptions<T> {
	times?: number;
	/** Default 201, as Flow Service answers a create. */
	status?: number;
	/** Collects into this list, shared by several expectations, instead of a new one. */
	bodies?: T[];
}

/**
 * Expects `times` POSTs to `path` with the AEP headers and JSON, answering `status` and `reply`;
 * returns the bodies sent, in order, for exact comparison.
 */
export function expectPost<T = unknown>(path: string, reply: nock.Body, options: ExpectPostOptions<T> = {}): T[] {
	const bodies = options.bodies ?? [];
	flowService(AEP_JSON_HEADERS)
		.post(path, (body: T) => {
			bodies.push(body);
			return true;
		})
		.times(options.times ?? 1)
		.reply(options.status ?? 201, reply);
	return bodies;
}

/**
 * The find-or-create lookup: `GET <path>?property=name==<name>` (plus `filters`, each a repeated
 * `property`, in order) over one page of 100, answering `items`.
 */
export function expectNameLookup(path: string, name: string, items: object[] = [], filters: string[] = []) {
	const property = [`name==${name}`, ...filters];
	return flowService()
		.get(path)
		.query({ property: property.length === 1 ? property[0] : property, limit: '100' })
		.reply(200, continuationPage(items));
}

/** A continuation page as Flow Service answers it: `_links.next.href` carries the next page's token. */
export function continuationPage(items: object[], nextHref?: string) {
	return { items, _links: nextHref ? { next: { href: nextHref } } : {} };
}

export function resetNock() {
	nock.cleanAll();
	nock.disableNetConnect();
	// a new HTTP world is a new n8n process: it holds no token yet
	forgetImsTokens();
}

/** Fails the test when an expected request was not made, naming it. */
export function assertAllRequestsMade() {
	const pending = nock.pendingMocks();
	if (pending.length) throw new Error(`requests expected but not made:\n${pending.join('\n')}`);
}
