/** Dataflow → Patch → Add Audience: the audience is picked from the list, given by ID or as a pasted UI address. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectTokenRequest, resetNock } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { runWorkflow } from '../../harness/engine';
import { NODE, patchNode, expectPatch, flowWithAudiences } from './patch.helpers';
import { tomorrowUtc } from '../../harness/clock';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

const FLOW_ID = 'ca5c6e9a-8559-4a08-97a5-f15b756da600';
/** A one-time export must start in the future. */
const TOMORROW = tomorrowUtc();
const AUDIENCE_ID = 'db8961e9-d52f-45bc-b3fb-76d0382a6851';
const SELECTORS = '/transformations/0/params/segmentSelectors/selectors';

function createdItem(etag: string): IDataObject {
	const flow = flowWithAudiences(etag, []);
	return { id: FLOW_ID, etag, name: flow.name, created: true, exportType: 'audiences', transformations: flow.transformations, scheduleParams: null };
}

describe.each([
	['picked from the list', { __rl: true, mode: 'list', value: AUDIENCE_ID, cachedResultName: 'Loyalty members' }],
	['given by ID', { __rl: true, mode: 'id', value: AUDIENCE_ID }],
	['pasted as an Experience Platform address', { __rl: true, mode: 'url', value: `https://experience.adobe.com/#/@acme/sname:prod/platform/segment/browse/${AUDIENCE_ID}` }],
])('Add Audience: the audience %s', (_how, audience) => {
	test('is sent as the selector ID', async () => {
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectPatch(FLOW_ID, '"e-1"', bodies, [200, { id: FLOW_ID, etag: '"e-2"' }]);

		const result = await runWorkflow({
			...patchNode({
				dataflow: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				operations: { addAudience: [{ audienceId: audience, audienceName: 'Loyalty members', startDate: TOMORROW, startTimeUtc: '17:00' }] },
			}),
			credentials: aepCredentials(),
			input: [createdItem('"e-1"')],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([
			[{ op: 'add', path: `${SELECTORS}/-`, value: expect.objectContaining({ value: expect.objectContaining({ id: AUDIENCE_ID }) }) }],
		]);
	});
});
