/**
 * When a dataset dataflow stops. Adobe's "export datasets" guide: a dataset dataflow created
 * without `scheduleParams.endTime` ends six months after it was created; `endTime` is in epoch
 * seconds. Audience dataflows end per audience (`endDate` of each selector), not here.
 */
import type { IDataObject } from 'n8n-workflow';

const DAY_MS = 86_400_000;

/** The same day and time six calendar months later (UTC); the 31st becomes the month's last day. */
export function sixMonthsAfter(ms: number): number {
	const date = new Date(ms);
	const day = date.getUTCDate();
	date.setUTCDate(1);
	date.setUTCMonth(date.getUTCMonth() + 6);
	const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
	date.setUTCDate(Math.min(day, lastDay));
	return date.getTime();
}

export interface DataflowExpiry {
	/** When the dataflow stops (ISO), or null when neither an end time nor a creation time is known. */
	endsAt: string | null;
	/** Whole days from `nowMs` to `endsAt` (negative once passed). */
	daysLeft: number | null;
	/** `endTime`: set on the dataflow; `sixMonthsAfterCreation`: Adobe's default for an empty End Time. */
	endsBy: 'endTime' | 'sixMonthsAfterCreation' | null;
}

/** A flow's `createdAt` (epoch ms, as Flow Service answers it; ISO text accepted). */
function createdAtMs(flow: IDataObject): number | undefined {
	const value = flow.createdAt;
	const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? ms : undefined;
}

export function datasetFlowExpiry(flow: IDataObject, nowMs: number): DataflowExpiry {
	const schedule = (flow.scheduleParams ?? {}) as IDataObject;
	const endTime = Number(schedule.endTime);
	let endsMs: number | undefined;
	let endsBy: DataflowExpiry['endsBy'] = null;
	if (schedule.endTime !== undefined && schedule.endTime !== null && Number.isFinite(endTime)) {
		endsMs = endTime * 1000;
		endsBy = 'endTime';
	} else {
		const created = createdAtMs(flow);
		if (created !== undefined) {
			endsMs = sixMonthsAfter(created);
			endsBy = 'sixMonthsAfterCreation';
		}
	}
	if (endsMs === undefined) return { endsAt: null, daysLeft: null, endsBy: null };
	return { endsAt: new Date(endsMs).toISOString(), daysLeft: Math.floor((endsMs - nowMs) / DAY_MS), endsBy };
}
