/** Dataflows as Flow Service answers GET /flows/{id}, for the day-two operations' tests. */
import type { IDataObject } from 'n8n-workflow';

import { flowService } from '../../harness/aep';

export const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';
export const PROFILE_STORE = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';
export const S3 = '4fce964d-3f37-408f-9778-e597338a21ee';

export const DATASET_FLOW_ID = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';
export const AUDIENCE_FLOW_ID = 'ef2dcbd6-36fc-49a3-afed-d7b8e8f724eb';
export const SOURCE_ID = '11111111-2222-4333-8444-555555555555';
export const TARGET_ID = '21111111-2222-4333-8444-555555555555';
export const BASE_ID = '31111111-2222-4333-8444-555555555555';
export const AUDIENCE_A = 'db8961e9-d52f-45bc-b3fb-76d0382a6851';
export const AUDIENCE_B = '3a1b2c3d-4e5f-6789-abcd-ef0123456789';
export const DATASET_ID = '5ba9452c7bc8e0000061c4ba';
/** 2026-01-15T00:00:00Z: a dataset dataflow created then without End Time stops 2026-07-15. */
export const CREATED_AT = Date.UTC(2026, 0, 15);

export function datasetFlow(extra: IDataObject = {}): IDataObject {
	return {
		id: DATASET_FLOW_ID,
		name: 'Daily dataset export',
		state: 'enabled',
		createdAt: CREATED_AT,
		etag: '"0400aaaa-0000-0200-0000-000000000001"',
		flowSpec: { id: '269ba276-16fc-47db-92b0-c1049a3c131f', version: '1.0' },
		sourceConnectionIds: [SOURCE_ID],
		targetConnectionIds: [TARGET_ID],
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: [{ id: SOURCE_ID, connectionSpec: { id: DATA_LAKE, version: '1.0' } }],
			targetConnections: [{ id: TARGET_ID, connectionSpec: { id: S3, version: '1.0' }, baseConnection: { id: BASE_ID } }],
		},
		scheduleParams: { startTime: CREATED_AT / 1000, frequency: 'hour', interval: 3, exportMode: 'FIRST_FULL_THEN_INCREMENTAL' },
		transformations: [],
		...extra,
	};
}

export function audienceFlow(audiences: string[] = [AUDIENCE_A, AUDIENCE_B]): IDataObject {
	return {
		id: AUDIENCE_FLOW_ID,
		name: 'Audiences to S3',
		state: 'enabled',
		createdAt: CREATED_AT,
		etag: '"0400aaaa-0000-0200-0000-000000000002"',
		flowSpec: { id: '1a0514a6-33d4-4c7f-aff8-594799c47549', version: '1.0' },
		sourceConnectionIds: [SOURCE_ID],
		targetConnectionIds: [TARGET_ID],
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: [{ id: SOURCE_ID, connectionSpec: { id: PROFILE_STORE, version: '1.0' } }],
			targetConnections: [{ id: TARGET_ID, connectionSpec: { id: S3, version: '1.0' } }],
		},
		transformations: [
			{
				name: 'GeneralTransform',
				params: {
					segmentSelectors: {
						selectors: audiences.map((id) => ({ type: 'PLATFORM_SEGMENT', value: { id, name: `Audience ${id.slice(0, 4)}` } })),
					},
				},
			},
		],
	};
}

export function expectGetFlow(flow: IDataObject, times = 1) {
	return flowService().get(`/flows/${String(flow.id)}`).times(times).reply(200, { items: [flow] });
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
