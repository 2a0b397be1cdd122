/**
 * The dataflow conditions of the run trigger: "expected run missing" (no run started within the
 * schedule interval plus a grace period) and "dataflow ending" (a dataset dataflow's end time is
 * near; Adobe's export guide: a dataset dataflow created without one stops six months after
 * creation). Each fires once per occurrence: the key `<event>:<flowId>` remembers the due time or
 * end time it fired for, and is forgotten when the condition clears, so it can fire again later.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FlowEvent, TriggerEvent } from './runEvents';
import type { RunWatchState } from './runWatch';
import { isFlowEnabled, scheduleEndMs, scheduleIntervalMs, scheduleStartMs } from './flowInfo';

export interface FlowWatchSettings {
	events: TriggerEvent[];
	now: number;
	/** Added to the schedule interval before a run counts as missing (ms). */
	graceMs: number;
	/** "Ending": end time within this much from now (ms). */
	endingWithinMs: number;
}

export interface FlowEmission {
	event: FlowEvent;
	flow: IDataObject;
	/** Fields that say why, for the message. */
	details: IDataObject;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "10d 4h", "3h", "1m": days, hours and minutes, zero parts left out (under a minute: "0m"). */
export function roughDuration(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	const parts = [
		[Math.floor(minutes / 1440), 'd'],
		[Math.floor((minutes % 1440) / 60), 'h'],
		[minutes % 60, 'm'],
	].filter(([value]) => value);
	return parts.length ? parts.map(([value, unit]) => `${value}${unit}`).join(' ') : '0m';
}

function iso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

/** When a run should have started by, if the dataflow is on a repeating schedule and running. */
function missingRun(flow: IDataObject, state: RunWatchState, settings: FlowWatchSettings): { due: number; details: IDataObject } | null {
	const interval = scheduleIntervalMs(flow);
	if (interval === null || !isFlowEnabled(flow)) return null;
	const end = scheduleEndMs(flow);
	if (end !== null && end <= settings.now) return null;
	const scheduleStart = scheduleStartMs(flow);
	if (scheduleStart !== null && scheduleStart > settings.now) return null;
	const lastStart = state.lastStart[String(flow.id)] ?? null;
	// Nothing seen: count from when watching began, or from the schedule's start if later.
	const from = lastStart ?? Math.max(state.watchingSince, scheduleStart ?? state.watchingSince);
	const due = from + interval + settings.graceMs;
	if (settings.now <= due) return null;
	return {
		due,
		details: {
			lastRunStartedAt: iso(lastStart),
			expectedBy: iso(due),
			overdueBy: roughDuration(settings.now - due),
			scheduleInterval: roughDuration(interval),
		},
	};
}

function ending(flow: IDataObject, settings: FlowWatchSettings): { end: number; details: IDataObject } | null {
	const end = scheduleEndMs(flow);
	if (end === null || end <= settings.now || end - settings.now > settings.endingWithinMs) return null;
	return {
		end,
		details: { endTime: iso(end), endsIn: roughDuration(end - settings.now), endsInDays: Math.floor((end - settings.now) / DAY_MS) },
	};
}

/**
 * The dataflow events due now among the watched flows, and the conditions to remember. Keys of
 * flows not given (no longer watched) are dropped.
 */
export function checkFlowConditions(
	flows: IDataObject[],
	state: RunWatchState,
	settings: FlowWatchSettings,
): { conditions: Record<string, number>; emit: FlowEmission[] } {
	const wanted = new Set(settings.events);
	const conditions: Record<string, number> = {};
	const emit: FlowEmission[] = [];
	const fire = (event: FlowEvent, flow: IDataObject, occurrence: number, details: IDataObject) => {
		const key = `${event}:${String(flow.id)}`;
		conditions[key] = occurrence;
		if (state.conditions[key] !== occurrence) emit.push({ event, flow, details });
	};
	for (const flow of flows) {
		if (wanted.has('missingRun')) {
			const missing = missingRun(flow, state, settings);
			if (missing) fire('missingRun', flow, missing.due, missing.details);
		}
		if (wanted.has('ending')) {
			const end = ending(flow, settings);
			if (end) fire('ending', flow, end.end, end.details);
		}
	}
	return { conditions, emit };
}
