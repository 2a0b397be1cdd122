/**
 * Dataflow updates in the simulation over real HTTP: etags and 412, JSON Patch semantics (seed 002's
 * two-removes trap included), enable/disable.
 */
import { audienceFlow, client, datasetFlow, segmentIds, useFlowSimulation } from './flowsShared';
import { ETAG, SANDBOX, seed } from './helpers';

useFlowSimulation();

describe('dataflow updates', () => {
	it('applies two removes in order: /selectors/0 then /selectors/1 removes the 1st and the 3rd', async () => {
		const flow = await audienceFlow();
		const answer = await client.patch(
			flow.id,
			[
				{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/0' },
				{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/1' },
			],
			flow.etag,
		);
		expect(answer.status).toBe(200);
		expect(segmentIds(await client.flow(flow.id))).toEqual(['B']);
	});

	it('requires the quoted etag in If-Match and answers 412 on a stale or differently quoted one', async () => {
		const flow = await audienceFlow();
		expect(flow.etag).toMatch(ETAG);
		const append = [{ op: 'add', path: '/transformations/0/params/segmentSelectors/selectors/-', value: { type: 'PLATFORM_SEGMENT', value: { id: 'D' } } }];

		const missing = await client.patch(flow.id, append, undefined);
		expect(missing.status).toBe(400);
		expect(missing.body.detail).toBe('The If-Match header is required: send the etag of the flow you read, in double quotes');

		const unquoted = flow.etag.slice(1, -1);
		const wrongQuoting = await client.patch(flow.id, append, unquoted);
		expect(wrongQuoting.status).toBe(412);
		expect(wrongQuoting.body).toEqual({
			errorMessage: `Supplied version=[${unquoted}] does not match the current version on entity=[${flow.etag}]`,
			errorDetails: `Supplied version=[${unquoted}] does not match the current version on entity=[${flow.etag}]`,
		});
		expect((await client.patch(flow.id, append, `"${flow.etag}"`)).status).toBe(412);

		const updated = await client.patch(flow.id, append, flow.etag);
		expect(updated.status).toBe(200);
		expect(updated.body.etag).not.toBe(flow.etag);
		const stale = await client.patch(flow.id, append, flow.etag);
		expect(stale.status).toBe(412);
		const reference = seed<any>('openapi-patchFlowById.response-412.json');
		expect(Object.keys(stale.body).sort()).toEqual(Object.keys(reference).sort());
		// Same wording as the API reference's 412, with this flow's versions.
		expect(reference.errorMessage.replace(/\[[^\]]*\]/g, '[]')).toBe(stale.body.errorMessage.replace(/\[[^\]]*\]/g, '[]'));
		expect(segmentIds(await client.flow(flow.id))).toEqual(['A', 'B', 'C', 'D']);
	});

	it('keeps the flow and its etag when any operation fails, and explains why', async () => {
		const flow = await audienceFlow();
		const failing = await client.patch(
			flow.id,
			[
				{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/0' },
				{ op: 'test', path: '/name', value: 'another name' },
			],
			flow.etag,
		);
		expect(failing.status).toBe(400);
		expect(failing.body.detail).toBe('The JSON Patch cannot be applied: operation 1 (test /name): test failed: the value at "/name" differs');
		const unchanged = await client.flow(flow.id);
		expect(segmentIds(unchanged)).toEqual(['A', 'B', 'C']);
		expect(unchanged.etag).toBe(flow.etag);

		const outOfRange = await client.patch(flow.id, [{ op: 'remove', path: '/transformations/0/params/segmentSelectors/selectors/3' }], flow.etag);
		expect(outOfRange.body.detail).toContain('index 3 in "/transformations/0/params/segmentSelectors/selectors/3" is out of bounds (array length 3)');
		const notAPatch = await client.patch(flow.id, { op: 'add' }, flow.etag);
		expect(notAPatch.body.detail).toBe('The request body must be a JSON Patch array (RFC 6902)');
	});

	it('lets a PATCH change only what belongs to the user, and keeps the flow consistent', async () => {
		const flow = await datasetFlow('patchable');
		const forbidden = await client.patch(flow.id, [{ op: 'replace', path: '/state', value: 'disabled' }, { op: 'remove', path: '/runs' }], flow.etag);
		expect(forbidden.status).toBe(400);
		expect(forbidden.body.detail).toBe(
			'These fields cannot be changed with PATCH: /state, /runs; allowed: /name, /description, /sourceConnectionIds, /targetConnectionIds, /transformations, /scheduleParams, /policy',
		);
		const unknownSource = await client.patch(flow.id, [{ op: 'replace', path: '/sourceConnectionIds', value: ['missing'] }], flow.etag);
		expect(unknownSource.body.detail).toBe(`Source connection missing does not exist in sandbox ${SANDBOX}`);
		const milliseconds = await client.patch(flow.id, [{ op: 'replace', path: '/scheduleParams/startTime', value: 1675901210000 }], flow.etag);
		expect(milliseconds.body.detail).toBe('scheduleParams is invalid: $.startTime: 1675901210000 looks like milliseconds; send epoch seconds');
		const renamed = await client.patch(flow.id, [{ op: 'replace', path: '/name', value: 'renamed' }, { op: 'add', path: '/description', value: 'd' }], flow.etag);
		expect(renamed.status).toBe(200);
		expect(await client.flow(flow.id)).toMatchObject({ name: 'renamed', description: 'd', etag: renamed.body.etag });
	});

	it('enables and disables a dataflow, each with a new etag', async () => {
		const flow = await datasetFlow('toggle');
		const disabled = await client.call('POST', `/flows/${flow.id}/action`, { query: { op: 'disable' } });
		expect(disabled.status).toBe(200);
		expect(disabled.body).toEqual({ id: flow.id, etag: expect.stringMatching(ETAG) });
		expect(await client.flow(flow.id)).toMatchObject({ state: 'disabled', etag: disabled.body.etag, lastOperation: { operation: 'disable' } });
		expect((await client.get('/flows', { property: 'state==disabled' })).body.items).toHaveLength(1);
		const enabled = await client.call('POST', `/flows/${flow.id}/action`, { query: { op: 'enable' } });
		expect((await client.flow(flow.id)).state).toBe('enabled');
		expect(enabled.body.etag).not.toBe(disabled.body.etag);
		const wrong = await client.call('POST', `/flows/${flow.id}/action`, { query: { op: 'pause' } });
		expect(wrong.status).toBe(400);
		expect(wrong.body.detail).toBe('Query parameter op must be "enable" or "disable", not "pause"');
		expect((await client.call('POST', '/flows/missing/action', { query: { op: 'enable' } })).status).toBe(404);
	});

	it('deletes a dataflow with its runs', async () => {
		const flow = await datasetFlow('doomed');
		expect((await client.call('DELETE', `/flows/${flow.id}`)).status).toBe(202);
		expect((await client.get(`/flows/${flow.id}`)).status).toBe(404);
		expect((await client.get('/runs', { property: `flowId==${flow.id}` })).body.items).toEqual([]);
	});
});
