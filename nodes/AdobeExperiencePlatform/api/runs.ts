/** Dataflow runs (`/runs`): the one way to list them with filters, and one run by ID. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RunsQuery } from '../domain/runs/runsQuery';
import { createdAtOf, FLOW_IDS_PER_RUNS_REQUEST, runsQueryString } from '../domain/runs/runsQuery';
import type { AepContext } from '../transport';
import { aepListByContinuation, mapBounded, PARALLEL_REQUEST_LIMIT } from '../transport';
import { getOne } from './getOne';
import { PATHS } from './paths';

/** Runs of the given dataflows, newest first, over continuation pages (filters repeated on each). */
export async function listRuns(ctx: AepContext, query: RunsQuery, deadline?: number): Promise<IDataObject[]> {
	const chunks: string[][] = [];
	for (let i = 0; i < query.flowIds.length; i += FLOW_IDS_PER_RUNS_REQUEST) {
		chunks.push(query.flowIds.slice(i, i + FLOW_IDS_PER_RUNS_REQUEST));
	}
	const lists = await mapBounded(chunks, PARALLEL_REQUEST_LIMIT, async (flowIds) =>
		await aepListByContinuation(ctx, {
			path: PATHS.runs,
			qs: runsQueryString(flowIds, query.startedAfter, query.startedBefore),
			limit: query.limit,
			keep: query.keep,
			itemIndex: query.itemIndex,
			deadline,
		}),
	);
	if (lists.length === 1) return lists[0];
	const runs = lists.flat().sort((a, b) => createdAtOf(b) - createdAtOf(a));
	return query.limit === undefined ? runs : runs.slice(0, query.limit);
}

/** One run by ID; Flow Service answers `{items: [run]}`, a bare run is accepted too. */
export async function getRun(ctx: AepContext, runId: string, itemIndex?: number, deadline?: number): Promise<IDataObject> {
	const run = await getOne(ctx, PATHS.run(runId), itemIndex, deadline);
	if (!run) throw new NodeOperationError(ctx.getNode(), `Run ${runId} was not found`, { itemIndex });
	return run;
}
