import nock from 'nock';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { AEP_HEADERS, assertAllRequestsMade, expectTokenRequest, GATEWAY, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { listSearch } from '../../harness/load-options';
import { aepOperation } from '../../harness/nodes';

const AUDIENCES = '/data/core/ups/audiences';
const audience = (id: string, name: string) => ({ id, audienceId: id, name, namespace: 'AEPSegments', description: `${name}.` });
const A = audience('db8961e9-d52f-45bc-b3fb-76d0382a6851', 'High-value customers');
const B = audience('3a1b2c3d-4e5f-6789-abcd-ef0123456789', 'Newsletter subscribers');
const C = audience('7f04b2a6-5f7e-4e7f-9b3a-6d3c4e2a1b5c', 'High churn risk');

function segmentation() {
	return nock(GATEWAY, { reqheaders: AEP_HEADERS });
}

async function getMany(parameters: object) {
	return await runWorkflow({
		...chain([{ name: 'Audiences', type: aepOperation('audience', 'getAll'), parameters: { ...parameters } }]),
		credentials: aepCredentials(),
	});
}

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('AEP Audience → Get Many (Segmentation service)', () => {
	test('Return All walks start/limit pages by _page.next; name contains keeps matching audiences', async () => {
		expectTokenRequest();
		segmentation().get(AUDIENCES).query({ start: '0', limit: '100' }).reply(200, { children: [A, B], _page: { totalCount: 3, pageSize: 2, next: '2' } });
		segmentation().get(AUDIENCES).query({ start: '2', limit: '100' }).reply(200, { children: [C], _page: { totalCount: 3, pageSize: 1 } });

		const result = await getMany({ returnAll: true, nameContains: 'high' });

		assertAllRequestsMade();
		expect(result.output('Audiences').map((item) => item.json)).toEqual([A, C]);
	});

	test('the Limit stops reading pages', async () => {
		expectTokenRequest();
		segmentation().get(AUDIENCES).query({ start: '0', limit: '100' }).reply(200, { children: [A, B], _page: { totalCount: 300, next: '100' } });

		const result = await getMany({ returnAll: false, limit: 1 });

		assertAllRequestsMade();
		expect(result.output('Audiences').map((item) => item.json.id)).toEqual([A.id]);
	});

	test('an answer without a list of audiences is an error, never an empty result', async () => {
		expectTokenRequest();
		segmentation().get(AUDIENCES).query({ start: '0', limit: '100' }).reply(200, { message: 'maintenance' });

		const result = await getMany({ returnAll: true });

		assertAllRequestsMade();
		expect(result.error('Audiences')?.message).toBe('The Segmentation service answered without a list of audiences (no "children")');
	});

	test('the audience picker (Export Now): one page, narrowed by the text typed, next start as the pagination token', async () => {
		expectTokenRequest();
		segmentation().get(AUDIENCES).query({ start: '100', limit: '100' }).reply(200, { children: [A, B, C], _page: { next: '200' } });

		const page = await listSearch('searchAudiences', { nodeType: aepOperation('dataflow', 'exportNow'), parameters: {}, credentials: aepCredentials() }, 'news', '100');

		assertAllRequestsMade();
		expect(page).toEqual({ results: [{ name: B.name, value: B.id, description: B.description }], paginationToken: '200' });
	});
});
