/**
 * Export Now, the requests: which audiences or datasets, the ad hoc calls (audiences in batches of
 * 80), Adobe's refusals as clear messages, "not ready" retried with n8n's sleep for a bounded time,
 * and the optional wait for the runs it started.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { StartedRun } from '../../api/adhoc';
import { activateAudiencesNow, exportDatasetsNow, MAX_AUDIENCES_PER_ADHOC_RUN } from '../../api/adhoc';
import { getRecord } from '../../api/records';
import { getRun } from '../../api/runs';
import type { AdhocRefusal } from '../../domain/adhocRefusals';
import { adhocRefusalOf, REFUSAL_ADVICE } from '../../domain/adhocRefusals';
import { dataflowAudiences } from '../../domain/dataflow';
import { isRunFinished, summariseRun } from '../../domain/runs/runSummary';

export interface NotReadyRetry {
	forMs: number;
	everyMs: number;
}

export interface RunWait {
	intervalMs: number;
	timeoutMs: number;
}

function refusalOf(error: unknown): AdhocRefusal | undefined {
	const e = error as { context?: { aep?: { status?: number | null; aepMessage?: unknown } } };
	if (e?.context?.aep?.status !== 400 && e?.context?.aep?.status !== 403) return undefined;
	return adhocRefusalOf(e.context.aep.aepMessage);
}

function refusalError(ctx: IExecuteFunctions, error: unknown, refusal: AdhocRefusal, itemIndex: number): Error {
	const advice = REFUSAL_ADVICE[refusal];
	const aep = (error as { context?: { aep?: IDataObject } }).context?.aep ?? {};
	const failure = new NodeOperationError(ctx.getNode(), `${advice.message}: AEP answered "${String(aep.aepMessage)}"`, {
		itemIndex,
		description: advice.description,
	});
	failure.context.aep = aep;
	return failure;
}

/** The audiences to export: the chosen ones (each must be in the dataflow), else all of the dataflow's. */
export function audiencesToExport(ctx: IExecuteFunctions, flow: IDataObject, chosen: string[], itemIndex: number): string[] {
	const inFlow = dataflowAudiences(flow).map((audience) => String(audience.id));
	if (chosen.length === 0) {
		if (inFlow.length === 0) {
			throw new NodeOperationError(ctx.getNode(), `Dataflow ${String(flow.id)} has no audiences to export`, {
				itemIndex,
				description: 'Add audiences with Dataflow → Patch → Add Audience first.',
			});
		}
		return inFlow;
	}
	const missing = chosen.filter((id) => !inFlow.includes(id));
	if (missing.length) {
		throw new NodeOperationError(ctx.getNode(), `Invalid Audiences: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not part of dataflow ${String(flow.id)}`, {
			itemIndex,
			description: `Allowed: audiences of this dataflow (${inFlow.join(', ') || 'none'}), or none to export them all.`,
		});
	}
	return [...new Set(chosen)];
}

export async function startAudienceExports(ctx: IExecuteFunctions, flowId: string, audienceIds: string[], itemIndex: number): Promise<StartedRun[]> {
	const started: StartedRun[] = [];
	for (let i = 0; i < audienceIds.length; i += MAX_AUDIENCES_PER_ADHOC_RUN) {
		const batch = audienceIds.slice(i, i + MAX_AUDIENCES_PER_ADHOC_RUN);
		try {
			started.push(...(await activateAudiencesNow(ctx, flowId, batch, itemIndex)));
		} catch (error) {
			const refusal = refusalOf(error);
			throw refusal ? refusalError(ctx, error, refusal, itemIndex) : error;
		}
	}
	return started;
}

/** The datasets of the flow's Data Lake source connection (fixed at creation). */
export async function datasetsOfFlow(ctx: IExecuteFunctions, flow: IDataObject, itemIndex: number): Promise<string[]> {
	const ids: string[] = [];
	for (const sourceId of (flow.sourceConnectionIds ?? []) as string[]) {
		const source = await getRecord(ctx, 'sourceConnections', sourceId, itemIndex);
		const datasets = ((source.params as IDataObject | undefined)?.datasets ?? []) as IDataObject[];
		ids.push(...datasets.map((dataset) => String(dataset.dataSetId ?? dataset.id)));
	}
	return ids;
}

export async function startDatasetExport(
	ctx: IExecuteFunctions,
	flowId: string,
	datasetIds: string[],
	retry: NotReadyRetry,
	itemIndex: number,
): Promise<{ started: StartedRun[]; notReadyRetries: number }> {
	const deadline = Date.now() + retry.forMs;
	for (let retries = 0; ; retries++) {
		let failure: unknown;
		try {
			return { started: await exportDatasetsNow(ctx, flowId, datasetIds, itemIndex), notReadyRetries: retries };
		} catch (error) {
			failure = error;
		}
		// Anything but a documented refusal is already the transport's NodeApiError.
		const refusal = refusalOf(failure);
		if (!refusal) throw failure;
		const remaining = deadline - Date.now();
		if (refusal !== 'notReady' || remaining <= 0) throw refusalError(ctx, failure, refusal, itemIndex);
		await sleep(Math.min(retry.everyMs, remaining), ctx.getExecutionCancelSignal());
	}
}

/** Checks every started run until all have finished or the time is up; one summary per run. */
export async function waitForStartedRuns(ctx: IExecuteFunctions, started: StartedRun[], wait: RunWait, itemIndex: number): Promise<IDataObject[]> {
	const deadline = Date.now() + wait.timeoutMs;
	const last = new Map<string, IDataObject>();
	const pending = () => started.filter((run) => run.runId && !(last.has(run.runId) && isRunFinished(last.get(run.runId)!)));
	for (;;) {
		for (const run of pending()) last.set(run.runId!, await getRun(ctx, run.runId!, itemIndex));
		const remaining = deadline - Date.now();
		if (pending().length === 0 || remaining <= 0) break;
		await sleep(Math.min(wait.intervalMs, remaining), ctx.getExecutionCancelSignal());
	}
	return started.map((run) => {
		const seen = run.runId ? last.get(run.runId) : undefined;
		return {
			exported: run.entityId,
			...(seen ? summariseRun(seen) : { runId: run.runId, finished: false }),
			timedOut: !seen || !isRunFinished(seen),
		};
	});
}
