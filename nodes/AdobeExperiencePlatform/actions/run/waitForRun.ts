/** Run → Get Many with "Wait for Completion": checks a run at an interval until it has finished. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { getRun, listRuns } from '../../api/runs';
import { isRunFinished, summariseRun } from '../../domain/runs/runSummary';
import { invalidParameter, requireUuid, requireWholeNumber } from '../../helpers/validation';

/** Bounds of the wait: at most one check a second, at most 24 hours. */
export const POLL_INTERVAL_SECONDS = { min: 1, max: 600 };
export const TIMEOUT_SECONDS = { min: 1, max: 86_400 };

export interface WaitOptions {
	runId?: string;
	intervalSeconds: number;
	timeoutSeconds: number;
	onTimeout: 'error' | 'output';
}

/** The wait's parameters, checked before any request. */
export function readWaitOptions(ctx: IExecuteFunctions, itemIndex: number): WaitOptions {
	const target = ctx.getNodeParameter('runToWaitFor', itemIndex) as string;
	if (target !== 'newest' && target !== 'runId') {
		throw invalidParameter(ctx, 'Run to Wait For', target, 'Allowed: newest, runId.', itemIndex);
	}
	const runId =
		target === 'runId'
			? requireUuid(
					ctx,
					'Run ID',
					ctx.getNodeParameter('runId', itemIndex),
					'Allowed: a run ID (a UUID such as e80e24c1-82de-48de-8352-b2d0fca1c392).',
					itemIndex,
				)
			: undefined;
	const intervalSeconds = requireWholeNumber(
		ctx,
		'Check Every (Seconds)',
		ctx.getNodeParameter('pollIntervalSeconds', itemIndex),
		POLL_INTERVAL_SECONDS.min,
		POLL_INTERVAL_SECONDS.max,
		itemIndex,
	);
	const timeoutSeconds = requireWholeNumber(
		ctx,
		'Timeout (Seconds)',
		ctx.getNodeParameter('timeoutSeconds', itemIndex),
		TIMEOUT_SECONDS.min,
		TIMEOUT_SECONDS.max,
		itemIndex,
	);
	const onTimeout = ctx.getNodeParameter('onTimeout', itemIndex) as string;
	if (onTimeout !== 'error' && onTimeout !== 'output') {
		throw invalidParameter(ctx, 'On Timeout', onTimeout, 'Allowed: error, output.', itemIndex);
	}
	return { runId, intervalSeconds, timeoutSeconds, onTimeout };
}

export async function waitForRun(
	ctx: IExecuteFunctions,
	flowId: string,
	{ runId, intervalSeconds, timeoutSeconds, onTimeout }: WaitOptions,
	itemIndex: number,
	/** Read alongside the first check (the dataflow exists?): false stops the wait with nothing. */
	goOn?: Promise<boolean>,
): Promise<IDataObject | undefined> {
	const intervalMs = intervalSeconds * 1000;
	const deadline = Date.now() + timeoutSeconds * 1000;
	const cancelled = ctx.getExecutionCancelSignal();
	// The last sleep ends at the deadline; the check after it is the last one.
	let lastCheck = false;
	for (;;) {
		// No check (with its retries) may run past the timeout by more than one interval.
		const checkDeadline = deadline + intervalMs;
		const check = runId
			? getRun(ctx, runId, itemIndex, checkDeadline)
			: listRuns(ctx, { flowIds: [flowId], limit: 1, itemIndex }, checkDeadline).then((runs) => runs[0]);
		// The first check goes out with the read of goOn; that read's verdict (or failure) comes first.
		if (goOn) {
			check.catch(() => undefined);
			const going = await goOn;
			goOn = undefined;
			if (!going) return undefined;
		}
		const run: IDataObject | undefined = await check;
		if (run && runId && run.flowId !== undefined && run.flowId !== flowId) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Run ${runId} belongs to dataflow ${String(run.flowId)}, not to dataflow ${flowId}`,
				{ itemIndex, description: 'Pick the dataflow the run belongs to, or the run of this dataflow.' },
			);
		}
		if (run && isRunFinished(run)) return { ...summariseRun(run), timedOut: false };

		if (lastCheck) {
			if (onTimeout === 'output') {
				// Without any run yet, the same fields, empty.
				return run
					? { ...summariseRun(run), timedOut: true }
					: { ...summariseRun({ flowId }), run: null, timedOut: true };
			}
			const what = run
				? `run ${String(run.id)} of dataflow ${flowId} had not finished (status: ${String(summariseRun(run).rawStatus)})`
				: `dataflow ${flowId} had no run yet`;
			throw new NodeOperationError(ctx.getNode(), `Timed out after ${timeoutSeconds} seconds: ${what}`, {
				itemIndex,
				description:
					'Raise "Timeout (Seconds)", or set "On Timeout" to "Output Last State" to carry on with the run as last seen.',
			});
		}
		const remaining = Math.max(0, deadline - Date.now());
		lastCheck = remaining <= intervalMs;
		// n8n's sleep, cut short when the execution is cancelled.
		await sleep(Math.min(intervalMs, remaining), cancelled);
	}
}
