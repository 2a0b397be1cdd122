/** Shared by the version 1 trigger tests: runs, the /runs query, and a poll with its hooks. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { EXAMPLE_FLOW_ID, OPENAPI_FAILED_RUN, OPENAPI_SUCCESS_RUN, runFrom, runningRun } from '../harness/runs';
import { continuationPage, resetNock } from '../harness/aep';
import type { TestCredentialsHelper } from '../harness/credentials';
import { aepCredentials } from '../harness/credentials';
import { TRIGGER_NODE } from '../harness/nodes';
import { pollNode } from '../harness/poll';

export const FLOW = EXAMPLE_FLOW_ID;
export const FLOW_B = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';
export const NOW = 1659100000000;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
const STARTED_AT = 'metrics.durationSummary.startedAtUTC';

export const oneFlow = { watch: 'one', dataflow: { __rl: true, mode: 'list', value: FLOW } };

export function page(items: object[], nextToken?: string) {
	return continuationPage(items, nextToken && `/runs?continuationToken=${nextToken}`);
}

export function finished(id: string, status: string, startedAt: number, flowId = FLOW) {
	return runFrom(status.toLowerCase().includes('fail') ? OPENAPI_FAILED_RUN : OPENAPI_SUCCESS_RUN, {
		id,
		flowId,
		status,
		startedAt,
		completedAt: startedAt + 5 * MINUTE,
	});
}

export function running(id: string, startedAt: number, flowId = FLOW) {
	return runningRun({ id, flowId, startedAt });
}

/** The `/runs` query of a poll: the watched flows, runs started after `after`, newest first. */
export function runsQuery(flowIds: string[], after?: number, extra: Record<string, string> = {}) {
	const property = [`flowId==${flowIds.join(',')}`];
	if (after !== undefined) property.push(`${STARTED_AT}>${after}`);
	return { property: property.length === 1 ? property[0] : property, orderby: '-createdAt', limit: '100', ...extra };
}

/** The static data a version 1 trigger left: watching `watchKey`, the newest run started at `newestStart`. */
export function savedWatch(watchKey: string, newestStart: number): IDataObject {
	return { 'node:Trigger': { runWatch: { watchKey, newestStart, handled: {}, handledThrough: null, pending: {} } } };
}

/**
 * Registers the hooks of a version 1 trigger test and returns its poll: one credential per test,
 * kept across polls as n8n keeps the token (one token request per test), and a frozen clock.
 */
export function useV1Trigger() {
	let credentials: TestCredentialsHelper = aepCredentials();
	beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
	beforeEach(() => {
		resetNock();
		credentials = aepCredentials();
		jest.spyOn(Date, 'now').mockReturnValue(NOW);
	});
	afterEach(() => {
		nock.cleanAll();
		jest.restoreAllMocks();
	});
	return {
		credentials: () => credentials,
		poll: async (parameters: IDataObject, staticData: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
			await pollNode({ type: TRIGGER_NODE, parameters, credentials, mode, staticData }),
	};
}
