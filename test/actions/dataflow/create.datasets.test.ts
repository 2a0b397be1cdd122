/** Dataflow → Create: dataset dataflows. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { setRetryPolicy } from '../../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, expectPost, expectTokenRequest, resetNock } from '../../harness/aep';
import { freezeDate } from '../../harness/clock';
import { aepCredentials } from '../../harness/credentials';
import { runWorkflow } from '../../harness/engine';
import { expectFlowSpecs } from '../../harness/fixtures';
import { example, NODE, expectDataflowNameLookup, createNode, DESTINATIONS, SEED_000_PARAMETERS, SOURCE_ID, TARGET_ID } from './create.helpers';

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));

beforeEach(resetNock);

afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
});

describe('AEP Create Dataflow: datasets', () => {
	test('seed 000 for all six destinations in one run: flow spec chosen from one /flowSpecs read, bodies equal the seed', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		const requests = DESTINATIONS.map(([slug]) => example(`000-dataflow-${slug}.request.json`));
		const bodies: unknown[] = [];
		expectTokenRequest();
		expectFlowSpecs(1);
		for (const [index, [slug]] of DESTINATIONS.entries()) {
			expectDataflowNameLookup(String(requests[index].name));
			expectPost('/flows', example(`000-dataflow-${slug}.response.json`), { bodies });
		}

		const result = await runWorkflow({
			...createNode(SEED_000_PARAMETERS),
			credentials: aepCredentials(),
			input: DESTINATIONS.map(([, destination], index) => ({
				destination,
				name: requests[index].name,
				description: requests[index].description,
			})),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual(requests);
		const items = result.output(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual(DESTINATIONS.map((_, item) => ({ item })));
		expect(items[5].json).toEqual({
			id: 'eb54b3b3-3949-4f12-89c8-64eafaba858f',
			etag: '"0000d781-0000-0200-0000-63e29f420000"',
			name: 'Activate datasets to an SFTP cloud storage destination',
			created: true,
			exportType: 'datasets',
			flowSpec: { id: '354d6aad-4754-46e4-a576-1b384561c440', version: '1.0' },
			flowSpecName: '(Beta) SFTP - Dataset',
			sourceConnectionIds: [SOURCE_ID],
			targetConnectionIds: [TARGET_ID],
			scheduleParams: { interval: 3, timeUnit: 'hour', startTime: 1675901210 },
			transformations: [],
			state: null,
			endsAt: '2023-08-08T00:00:00.000Z',
			endsBy: 'sixMonthsAfterCreation',
		});
		// Expiry guard: no End Time, so the stop date is also an execution hint.
		expect(result.run.data.resultData.runData[NODE][0].hints).toEqual(
			DESTINATIONS.map(() => ({
				message:
					'This dataset dataflow has no End Time: Adobe stops it six months after creation, on 2023-08-08. Use Dataflow → Extend End Time before then.',
				location: 'outputPane',
			})),
		);
	});

	test('"24 hours", end time, export mode and folder template; defaults read the upstream target connection', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectFlowSpecs(1);
		expectDataflowNameLookup('Daily S3 export');
		const bodies = expectPost('/flows', { id: 'f-1', etag: '"e-1"' });

		const result = await runWorkflow({
			...createNode({
				exportType: 'datasets',
				sourceConnection: { __rl: true, mode: 'id', value: '={{ $json.sourceConnectionId }}' },
				name: 'Daily S3 export',
				frequency: '={{ "24 hours" }}',
				startTime: '2023-02-09T00:00:00Z',
				scheduleOptions: {
					endTime: '2023-12-31T00:00:00Z',
					exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
					folderNameTemplate: '%DESTINATION%/%DATASET_ID%/%DATETIME(YYYYMMdd_HHmmss)%',
				},
			}),
			credentials: aepCredentials(),
			// What AEP Create Target Connection outputs (plus the source connection ID from earlier).
			input: [
				{
					id: '7c000001-0000-4000-8000-000000000001',
					connectionSpec: { id: '4fce964d-3f37-408f-9778-e597338a21ee', version: '1.0' },
					sourceConnectionId: '5c000001-0000-4000-8000-000000000001',
				},
			],
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toEqual([
			{
				name: 'Daily S3 export',
				flowSpec: { id: '269ba276-16fc-47db-92b0-c1049a3c131f', version: '1.0' },
				sourceConnectionIds: ['5c000001-0000-4000-8000-000000000001'],
				targetConnectionIds: ['7c000001-0000-4000-8000-000000000001'],
				transformations: [],
				scheduleParams: {
					exportMode: 'FIRST_FULL_THEN_INCREMENTAL',
					interval: 1,
					timeUnit: 'day',
					startTime: 1675900800,
					endTime: 1703980800,
					folderNameTemplate: '%DESTINATION%/%DATASET_ID%/%DATETIME(YYYYMMdd_HHmmss)%',
				},
			},
		]);
	});

	test('the default connection IDs resolve: source from the "AEP Create Source Connection" node, target from the item', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectDataflowNameLookup('From defaults');
		const bodies = expectPost('/flows', { id: 'f-3', etag: '"e-3"' });
		const workflow = createNode({ exportType: 'datasets', flowSpec: '269ba276-16fc-47db-92b0-c1049a3c131f', name: 'From defaults' });
		// The harness start node stands in for AEP Create Source Connection (same output shape: `id`).
		workflow.nodes[0].name = 'AEP Create Source Connection';
		workflow.connections = { 'AEP Create Source Connection': workflow.connections.Start };

		const result = await runWorkflow({ ...workflow, credentials: aepCredentials(), input: [{ id: '5c000007-0000-4000-8000-000000000007' }] });

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect(bodies).toMatchObject([{ sourceConnectionIds: ['5c000007-0000-4000-8000-000000000007'], targetConnectionIds: ['5c000007-0000-4000-8000-000000000007'] }]);
	});

	test('one-time full export: DAILY_FULL_EXPORT with day/0; a picked flow spec needs no catalogue read', async () => {
		freezeDate('2023-02-08T00:00:00Z');
		expectTokenRequest();
		expectDataflowNameLookup('One-off');
		const bodies = expectPost('/flows', { id: 'f-2', etag: '"e-2"' });

		const result = await runWorkflow({
			...createNode({
				...SEED_000_PARAMETERS,
				destination: { __rl: true, mode: 'list', value: '' },
				flowSpec: '269ba276-16fc-47db-92b0-c1049a3c131f',
				name: 'One-off',
				description: '',
				frequency: 'once',
			}),
			credentials: aepCredentials(),
		});

		expect(result.error(NODE)).toBeUndefined();
		assertAllRequestsMade();
		expect((bodies[0] as IDataObject).scheduleParams).toEqual({
			exportMode: 'DAILY_FULL_EXPORT',
			interval: 0,
			timeUnit: 'day',
			startTime: 1675901210,
		});
	});
});
