/** The trigger's parameters read and checked before any request, and what to watch. */
import type { IPollFunctions } from 'n8n-workflow';

import type { TriggerEvent } from '../AdobeExperiencePlatform/domain/runs/runEvents';
import { isFlowEvent, TRIGGER_EVENTS } from '../AdobeExperiencePlatform/domain/runs/runEvents';
import { checkDataflowId, getDataflowId } from '../AdobeExperiencePlatform/helpers/parameters';
import { invalidParameter, requireUuid } from '../AdobeExperiencePlatform/helpers/validation';
import { DEFAULT_DELAY_MINUTES } from './description';

const MINUTE_MS = 60_000;
const V1_EVENTS: TriggerEvent[] = ['anyFinished', 'failed', 'partialSuccess', 'success'];

export interface TriggerSettings {
	events: TriggerEvent[];
	delayMs: number;
	skipRatePercent: number;
	graceMs: number;
	endingWithinMs: number;
	/** Connection spec ID of the only destination to watch, or undefined for any. */
	destinationId?: string;
	uiOrganization?: string;
	/** Whether runs must be listed (any run event, or "expected run missing"). */
	needsRuns: boolean;
	/**
	 * Whether a dataflow that cannot be read for its names fails the poll (version 2: memory not
	 * moved, the event emitted with names on the next poll) or leaves the names null (version 1: a
	 * run of a dataflow deleted since is still emitted).
	 */
	namesRequired: boolean;
	/** Whether the dataflows must be read on every poll (watch all, a destination filter, dataflow events). */
	needsFlows: boolean;
}

export interface Watched {
	/** Changes when the choice of dataflows does: the trigger then starts from a new baseline. */
	key: string;
	/** The IDs picked (one or several), or undefined for all. */
	flowIds?: string[];
}

function numberParameter(ctx: IPollFunctions, name: string, label: string, fallback: number, min: number, max: number): number {
	const value = ctx.getNodeParameter(name, fallback) as unknown;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw invalidParameter(ctx, label, value, `Allowed: a number from ${min} to ${max}.`);
	}
	return value;
}

function readEvents(ctx: IPollFunctions): TriggerEvent[] {
	if (ctx.getNode().typeVersion < 2) {
		const event = ctx.getNodeParameter('event') as TriggerEvent;
		if (!V1_EVENTS.includes(event)) throw invalidParameter(ctx, 'Event', event, `Allowed: ${V1_EVENTS.join(', ')}.`);
		return [event];
	}
	const events = ctx.getNodeParameter('events', []) as unknown;
	if (!Array.isArray(events) || events.length === 0 || events.some((event) => !TRIGGER_EVENTS.includes(event as TriggerEvent))) {
		throw invalidParameter(ctx, 'Trigger On', events, `Allowed: one or more of ${TRIGGER_EVENTS.join(', ')}.`);
	}
	return [...new Set(events as TriggerEvent[])];
}

export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const events = readEvents(ctx);
	const has = (event: TriggerEvent) => events.includes(event);
	const v2 = ctx.getNode().typeVersion >= 2;
	const destination = v2 ? String(ctx.getNodeParameter('destinationFilter', '') ?? '').trim() : '';
	const destinationId = destination
		? requireUuid(ctx, 'Only Destination', destination, 'Allowed: a destination from the list, or a connection spec ID (a UUID).')
		: undefined;
	const options = (v2 ? ctx.getNodeParameter('options', {}) : {}) as { uiOrganization?: string };
	const watch = ctx.getNodeParameter('watch') as string;
	return {
		events,
		delayMs: has('delayed') ? numberParameter(ctx, 'delayMinutes', 'Delayed After (Minutes)', DEFAULT_DELAY_MINUTES, 1, 10_080) * MINUTE_MS : 0,
		skipRatePercent: has('skipRate') ? numberParameter(ctx, 'skipRatePercent', 'Skip Rate Above (%)', 5, 0, 100) : 0,
		graceMs: has('missingRun') ? numberParameter(ctx, 'graceMinutes', 'Grace Period (Minutes)', 60, 0, 10_080) * MINUTE_MS : 0,
		endingWithinMs: has('ending') ? numberParameter(ctx, 'endingWithinDays', 'Ending Within (Days)', 30, 1, 365) * 24 * 60 * MINUTE_MS : 0,
		destinationId,
		uiOrganization: options.uiOrganization?.trim() || undefined,
		namesRequired: v2,
		needsRuns: events.some((event) => !isFlowEvent(event)) || has('missingRun'),
		needsFlows: watch === 'all' || destinationId !== undefined || events.some(isFlowEvent),
	};
}

/** A resource locator inside a fixed collection arrives as `{ __rl, mode, value }`. */
function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && 'value' in value) return (value as { value: unknown }).value;
	return value;
}

/** The dataflows picked, checked before any request. */
export function readWatched(ctx: IPollFunctions, settings: TriggerSettings): Watched {
	const watch = ctx.getNodeParameter('watch') as string;
	const suffix = settings.destinationId ? `|destination:${settings.destinationId}` : '';
	if (watch === 'all') return { key: `all${suffix}` };
	if (watch === 'one') {
		const flowId = getDataflowId(ctx);
		return { key: `ids:${flowId}${suffix}`, flowIds: [flowId] };
	}
	if (watch !== 'several') throw invalidParameter(ctx, 'Watch', watch, 'Allowed: all, one, several.');
	const entries = ctx.getNodeParameter('dataflows.dataflowValues', []) as Array<{ dataflow?: unknown }>;
	if (entries.length === 0) throw invalidParameter(ctx, 'Dataflows', [], 'Allowed: at least one dataflow.');
	const flowIds = [...new Set(entries.map((entry) => checkDataflowId(ctx, locatorValue(entry.dataflow), 'Dataflows')))];
	return { key: `ids:${[...flowIds].sort().join(',')}${suffix}`, flowIds };
}
