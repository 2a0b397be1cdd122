/** Shared pieces of the trigger's tests: runs and dataflows as AEP answers them, and the `/runs` query of a poll. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { continuationPage, expectTokenRequest, resetNock } from '../harness/aep';
import type { TestCredentialsHelper } from '../harness/credentials';
import { aepCredentials } from '../harness/credentials';
import { TRIGGER_NODE } from '../harness/nodes';
import { pollNode } from '../harness/poll';
import { EXAMPLE_FLOW_ID, OPENAPI_FAILED_RUN, OPENAPI_SUCCESS_RUN, runFrom, runningRun } from '../harness/runs';

export const FLOW = EXAMPLE_FLOW_ID;
export const NOW = 1659100000000;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const S3_SPEC = '4fce964d-3f37-408f-9778-e597338a21ee';
export const PROFILE_STORE = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';
export const DATA_LAKE = '23598e46-f560-407b-88d5-ea6207e49db0';
const STARTED_AT = 'metrics.durationSummary.startedAtUTC';

export function page(items: object[]) {
	return continuationPage(items);
}

export function finished(id: string, status: string, startedAt: number, flowId = FLOW, minutes = 5): IDataObject {
	return runFrom(status.toLowerCase().includes('fail') ? OPENAPI_FAILED_RUN : OPENAPI_SUCCESS_RUN, {
		id,
		flowId,
		status,
		startedAt,
		completedAt: startedAt + minutes * MINUTE,
	});
}

export function running(id: string, startedAt: number, flowId = FLOW): IDataObject {
	return runningRun({ id, flowId, startedAt });
}

/** The `/runs` query of a poll: the watched flows, runs started after `after`. */
export function runsQuery(flowIds: string[], after: number) {
	return { property: [`flowId==${flowIds.join(',')}`, `${STARTED_AT}>${after}`], orderby: '-createdAt', limit: '100' };
}

/** An audience dataflow to Amazon S3, as `GET /flows` lists it. */
export function audienceFlow(id = FLOW, extra: IDataObject = {}): IDataObject {
	return {
		id,
		name: `Weekly audiences ${id.slice(0, 4)}`,
		sandboxName: 'prod',
		state: 'enabled',
		createdAt: NOW - 30 * DAY,
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: [{ id: 'src', connectionSpec: { id: PROFILE_STORE, version: '1.0' } }],
			targetConnections: [{ id: 'tgt', connectionSpec: { id: S3_SPEC, version: '1.0' } }],
		},
		transformations: [],
		...extra,
	};
}

/** A dataset dataflow to Amazon S3 running every `hours`, ending at `endMs` (sent in seconds, as AEP keeps it). */
export function datasetFlow(id: string, hours: number, endMs?: number): IDataObject {
	return {
		...audienceFlow(id),
		name: `Dataset export ${id.slice(0, 4)}`,
		inheritedAttributes: {
			properties: { isDestinationFlow: true },
			sourceConnections: [{ id: 'src', connectionSpec: { id: DATA_LAKE, version: '1.0' } }],
			targetConnections: [{ id: 'tgt', connectionSpec: { id: S3_SPEC, version: '1.0' } }],
		},
		scheduleParams: {
			timeUnit: 'hour',
			interval: hours,
			startTime: Math.floor((NOW - 20 * DAY) / 1000),
			...(endMs ? { endTime: Math.floor(endMs / 1000) } : {}),
		},
	};
}

export interface TriggerTest {
	/** One credential per test, kept across polls as n8n keeps the token: one token request per test. */
	credentials: TestCredentialsHelper;
	/** What `Date.now()` answers. */
	clock: number;
}

/** Hooks for a trigger test file: fresh nock, credential and clock (at NOW) per test, one token request expected. */
export function triggerTestSetup(): TriggerTest {
	const context: TriggerTest = { credentials: aepCredentials(), clock: NOW };
	beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
	beforeEach(() => {
		resetNock();
		context.credentials = aepCredentials();
		context.clock = NOW;
		jest.spyOn(Date, 'now').mockImplementation(() => context.clock);
		expectTokenRequest();
	});
	afterEach(() => {
		nock.cleanAll();
		jest.restoreAllMocks();
	});
	return context;
}

/** One poll of the version-2 trigger; static data goes through JSON, as after a restart of n8n. */
export async function pollV2(test: TriggerTest, parameters: IDataObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	return await pollNode({ type: TRIGGER_NODE, parameters, credentials: test.credentials, mode, staticData, typeVersion: 2 });
}
