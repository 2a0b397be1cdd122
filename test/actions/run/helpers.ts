/** Shared by the getAll tests of this folder: fixtures, request expectations and workflow builders. */
import type { IDataObject } from 'n8n-workflow';
import { EXAMPLE_FLOW_ID, OPENAPI_FAILED_RUN, OPENAPI_SUCCESS_RUN, runFrom } from '../../harness/runs';
import { continuationPage } from '../../harness/aep';
import { aepCredentials } from '../../harness/credentials';
import { chain, runWorkflow } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';

export const FLOW = EXAMPLE_FLOW_ID;

export const OTHER_FLOW = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';

export const STARTED_AFTER_MS = 1654041600000; // 2022-06-01T00:00:00Z

export const STARTED_BEFORE_MS = 1659312000000; // 2022-08-01T00:00:00Z

export const byId = { __rl: true, mode: 'id', value: FLOW };

/** The query Get Runs sends for one dataflow, with the filters it must repeat on every page. */
export function runsQuery(extra: Record<string, string>, ...timeFilters: string[]) {
	const property = [`flowId==${FLOW}`, ...timeFilters];
	return { property: property.length === 1 ? property[0] : property, orderby: '-createdAt', ...extra };
}

export function page(items: object[], nextToken?: string) {
	return continuationPage(items, nextToken && `/runs?property=flowId%3D%3D${FLOW}&continuationToken=${nextToken}`);
}

export function run(id: string, status: string, startedAt = 1659000000000) {
	return runFrom(id.startsWith('fail') ? OPENAPI_FAILED_RUN : OPENAPI_SUCCESS_RUN, {
		id,
		status,
		startedAt,
		completedAt: startedAt + 60_000,
	});
}

export async function getRuns(
	parameters: IDataObject,
	input?: IDataObject[],
	options: { continueOnFail?: boolean; accessToken?: string } = {},
) {
	const credentials = aepCredentials(options.accessToken ? { accessToken: options.accessToken } : {});
	const result = await runWorkflow({
		...chain(
			[{ name: 'Runs', type: aepOperation('run', 'getAll'), parameters: { dataflow: byId, ...parameters } }],
			'aep-1',
			options,
		),
		credentials,
		input,
	});
	return { result, credentials };
}
