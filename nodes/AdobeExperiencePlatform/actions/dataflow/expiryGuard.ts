/**
 * The expiry guard of Create Dataflow: a dataset dataflow created without an End Time stops six
 * months after creation (Adobe's "export datasets" guide), which nobody notices until exports
 * stop. The stop date goes into the output and, when End Time was left empty, into an execution
 * hint.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { datasetFlowExpiry } from '../../domain/expiry';

export function datasetFlowStop(
	ctx: IExecuteFunctions,
	flow: { createdAt?: unknown; scheduleParams?: unknown },
	nowMs: number,
): IDataObject {
	const { endsAt, endsBy } = datasetFlowExpiry({ createdAt: flow.createdAt ?? nowMs, scheduleParams: flow.scheduleParams } as IDataObject, nowMs);
	if (endsBy === 'sixMonthsAfterCreation' && endsAt) {
		ctx.addExecutionHints({
			message: `This dataset dataflow has no End Time: Adobe stops it six months after creation, on ${endsAt.slice(0, 10)}. Use Dataflow → Extend End Time before then.`,
			location: 'outputPane',
		});
	}
	return { endsAt, endsBy };
}
