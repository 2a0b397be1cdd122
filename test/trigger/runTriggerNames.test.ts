/** Trigger version 1: the dataflow's and destination's names in every item, even when the dataflow is gone. */
import { assertAllRequestsMade, expectTokenRequest, flowService } from '../harness/aep';
import { FLOW, finished, HOUR, MINUTE, NOW, oneFlow, page, runsQuery, savedWatch, useV1Trigger } from './v1.helpers';

const { poll } = useV1Trigger();

describe('AEP Dataflow Run Trigger, version 1: names', () => {
	test('watching every dataflow, the names come from the list of dataflows: no read per dataflow', async () => {
		expectTokenRequest();
		const listed = {
			id: FLOW,
			name: 'Nightly audiences to SFTP',
			inheritedAttributes: { targetConnections: [{ connectionSpec: { id: '36965a81-b1c6-401b-99f8-22508f1e6a26' } }] },
		};
		const previous = savedWatch('all', NOW - 2 * HOUR);
		flowService()
			.get('/flows')
			.query({ property: 'inheritedAttributes.properties.isDestinationFlow==true', limit: '100' })
			.reply(200, { items: [listed], _links: {} })
			.get('/runs')
			.query(runsQuery([FLOW], NOW - 3 * HOUR))
			.reply(200, page([finished('f-1', 'failed', NOW - 10 * MINUTE)]));

		const result = await poll({ watch: 'all', event: 'failed' }, previous);

		assertAllRequestsMade();
		expect(result.items?.map((item) => [item.json.runId, item.json.dataflowName, item.json.destinationName])).toEqual([
			['f-1', 'Nightly audiences to SFTP', 'SFTP'],
		]);
	});

	test('a run of a dataflow deleted since is still emitted, its names null', async () => {
		expectTokenRequest();
		const previous = savedWatch(`ids:${FLOW}`, NOW - 2 * HOUR);
		flowService()
			.get('/runs')
			.query(runsQuery([FLOW], NOW - 3 * HOUR))
			.reply(200, page([finished('gone-1', 'failed', NOW - 10 * MINUTE)]))
			.get(`/flows/${FLOW}`)
			.reply(404, { errorMessage: `Flow with id ${FLOW} not found` });

		const result = await poll({ ...oneFlow, event: 'failed' }, previous);

		assertAllRequestsMade();
		expect(result.items?.map((item) => [item.json.runId, item.json.dataflowName, item.json.destinationName])).toEqual([
			['gone-1', null, null],
		]);
	});
});
