/**
 * The run summary with what a message needs beyond the counts: names, skip rate and reasons, one
 * row per audience or dataset, and a link to the dataflow in the Experience Platform UI. Additive
 * to `summariseRun`: every field it has keeps its meaning; `run` (as AEP gave it) stays last.
 */
import type { IDataObject } from 'n8n-workflow';

import { entityRows, skipRatePercent, skipReasons } from './entityRows';
import { dataflowNames, dataflowUiUrl } from './flowInfo';
import { summariseRun } from './runSummary';

export interface RunDetailOptions {
	/** The dataflow the run belongs to, when it was read (for names). */
	flow?: IDataObject;
	/** The organization part of Experience Platform UI addresses (`@<org>`), if known. */
	uiOrganization?: string;
}

/** "ACTIVATION_BATCH-0000-SKIP: Records didn't match attribute filter. (15224)" joined by "; ". */
function describeSkipReasons(reasons: ReturnType<typeof skipReasons>): string | null {
	if (!reasons.length) return null;
	return reasons
		.map((reason) => {
			const text = [reason.code, reason.message].filter(Boolean).join(': ');
			return reason.count === null ? text : `${text} (${reason.count})`;
		})
		.join('; ');
}

/** The fields added to a run summary; usable alone by callers that already hold `summariseRun`'s output. */
export function runDetails(run: IDataObject, options: RunDetailOptions = {}): IDataObject {
	const reasons = skipReasons(run);
	const sandbox = run.sandboxName ?? options.flow?.sandboxName;
	return {
		...(options.flow ? dataflowNames(options.flow) : {}),
		skipRatePercent: skipRatePercent(run),
		skipReasons: reasons,
		skipReasonSummary: describeSkipReasons(reasons),
		entities: entityRows(run),
		uiUrl: dataflowUiUrl(run.flowId, sandbox, options.uiOrganization),
	};
}

/** `summariseRun` plus `runDetails`, with the raw run last. */
export function detailedRunSummary(run: IDataObject, options: RunDetailOptions = {}): IDataObject {
	const { run: raw, ...summary } = summariseRun(run);
	return { ...summary, ...runDetails(run, options), run: raw };
}
