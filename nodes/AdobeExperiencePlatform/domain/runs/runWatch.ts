/**
 * What the run trigger remembers between polls (in the workflow's static data, so it survives
 * restarts) and how one poll's runs move it on. Pure functions: the node does the requests.
 *
 * Each poll lists the runs that started after `windowStart(state)`: an hour before the newest
 * start seen (runs may become visible late), or earlier while a run seen in progress is still open.
 * A finished run is handled once; runs that start before the window can never be listed again, so
 * they are forgotten, which keeps the memory small. Per run, "started" fires when it is first seen,
 * "delayed" once while (or after) it ran too long, and the finish events when it is seen finished.
 */
import type { IDataObject } from 'n8n-workflow';

import { skipRatePercent } from './entityRows';
import type { RunEvent, TriggerEvent } from './runEvents';
import { FINISH_EVENTS, matchesFinishEvent } from './runEvents';
import { isRunFinished, numberAt, runStartedAt } from './runSummary';

export type { RunEvent } from './runEvents';

export interface RunWatchState extends IDataObject {
	/** What is watched; when it changes, the trigger starts again from a new baseline. */
	watchKey: string;
	/** Latest run start seen (epoch ms). */
	newestStart: number;
	/** Finished runs already dealt with, emitted or not wanted: run ID → start (ms). */
	handled: Record<string, number>;
	/** Set when `handled` overflowed: runs that started at or before this and are not pending count as handled. */
	handledThrough: number | null;
	/** Runs seen in progress: run ID → start (ms). */
	pending: Record<string, number>;
	/** Runs in progress whose "delayed" event fired: run ID → start (ms). A subset of `pending`. */
	delayed: Record<string, number>;
	/** Latest run start per dataflow (ms), for "expected run missing". */
	lastStart: Record<string, number>;
	/** When watching began, less the baseline look-back: a dataflow with no run since has none in memory. */
	watchingSince: number;
	/** Dataflow conditions that fired: `<event>:<flowId>` → what identifies the occurrence (due time, end time). */
	conditions: Record<string, number>;
}

export interface WatchSettings {
	events: TriggerEvent[];
	now: number;
	/** "Run delayed": a run going for longer than this (ms). */
	delayMs: number;
	/** "Skip rate above": percentage of records read. */
	skipRatePercent: number;
}

export interface RunEmission {
	event: RunEvent;
	run: IDataObject;
}

/** How late a run may become visible after it started and still be caught. */
export const LATE_ARRIVAL_MS = 60 * 60 * 1000;
/** On the first poll, runs started this long ago are read to learn which are still in progress. */
export const BASELINE_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** A run in progress for longer than this stops holding the window open. */
export const PENDING_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_HANDLED_RUNS = 1000;
export const MAX_PENDING_RUNS = 500;
/** Dataflows remembered (last start, fired conditions). */
export const MAX_WATCHED_FLOWS = 2000;

/** Runs that started after this time (ms) are listed by the next poll. */
export function windowStart(state: RunWatchState): number {
	return Math.min(state.newestStart - LATE_ARRIVAL_MS, ...Object.values(state.pending));
}

function startOf(run: IDataObject, fallback: number): number {
	return runStartedAt(run) ?? numberAt(run.createdAt) ?? fallback;
}

/** Oldest first, so alerts arrive in the order the runs started. */
function byStart(runs: IDataObject[], fallback: number): IDataObject[] {
	return [...runs].sort((a, b) => startOf(a, fallback) - startOf(b, fallback));
}

/** Keeps the newest `max` entries; returns the latest value among those dropped. */
export function capNewest(entries: Record<string, number>, max: number): number | null {
	const ids = Object.keys(entries);
	if (ids.length <= max) return null;
	ids.sort((a, b) => entries[b] - entries[a]);
	let droppedThrough: number | null = null;
	for (const id of ids.slice(max)) {
		droppedThrough = Math.max(droppedThrough ?? entries[id], entries[id]);
		delete entries[id];
	}
	return droppedThrough;
}

function tidy(state: RunWatchState): RunWatchState {
	for (const [id, started] of Object.entries(state.pending)) {
		if (started < state.newestStart - PENDING_MAX_AGE_MS) delete state.pending[id];
	}
	capNewest(state.pending, MAX_PENDING_RUNS);
	for (const id of Object.keys(state.delayed)) if (!(id in state.pending)) delete state.delayed[id];
	const from = windowStart(state);
	// The list filter is "started after", so these can never come back.
	for (const [id, started] of Object.entries(state.handled)) {
		if (started <= from) delete state.handled[id];
	}
	const droppedThrough = capNewest(state.handled, MAX_HANDLED_RUNS);
	if (droppedThrough !== null) state.handledThrough = Math.max(state.handledThrough ?? droppedThrough, droppedThrough);
	if (state.handledThrough !== null && state.handledThrough <= from) state.handledThrough = null;
	capNewest(state.lastStart, MAX_WATCHED_FLOWS);
	capNewest(state.conditions, MAX_WATCHED_FLOWS * 2);
	return state;
}

function record(state: RunWatchState, run: IDataObject, started: number): 'finished' | 'pending' {
	const id = String(run.id);
	state.newestStart = Math.max(state.newestStart, started);
	if (typeof run.flowId === 'string') state.lastStart[run.flowId] = Math.max(state.lastStart[run.flowId] ?? started, started);
	if (!isRunFinished(run)) {
		state.pending[id] = started;
		return 'pending';
	}
	delete state.pending[id];
	delete state.delayed[id];
	state.handled[id] = started;
	return 'finished';
}

function emptyState(watchKey: string, now: number): RunWatchState {
	return {
		watchKey,
		newestStart: now,
		handled: {},
		handledThrough: null,
		pending: {},
		delayed: {},
		lastStart: {},
		watchingSince: now - BASELINE_LOOKBACK_MS,
		conditions: {},
	};
}

/** First poll: what exists now is the baseline; runs still in progress will be reported when they finish. */
export function baselineState(watchKey: string, runs: IDataObject[], now: number): RunWatchState {
	const state = emptyState(watchKey, now);
	const starts = runs.map((run) => startOf(run, now));
	if (starts.length) state.newestStart = Math.max(...starts);
	for (const run of runs) if (run.id !== undefined) record(state, run, startOf(run, now));
	return tidy(state);
}

/** How long a run has gone on (to its end, or to now while in progress). */
function runningFor(run: IDataObject, started: number, now: number): number {
	const duration = (run.metrics as IDataObject | undefined)?.durationSummary as IDataObject | undefined;
	const end = isRunFinished(run) ? (numberAt(duration?.completedAtUTC) ?? numberAt(duration?.stoppedAtUTC) ?? now) : now;
	return end - started;
}

/** The run events one sighting of a run fires, in the order they happened. */
function eventsFor(
	run: IDataObject,
	started: number,
	firstSeen: boolean,
	delayAlreadyFired: boolean,
	settings: WatchSettings,
): RunEvent[] {
	const wanted = new Set(settings.events);
	const events: RunEvent[] = [];
	if (firstSeen && wanted.has('started')) events.push('started');
	if (wanted.has('delayed') && !delayAlreadyFired && runningFor(run, started, settings.now) > settings.delayMs) {
		events.push('delayed');
	}
	if (!isRunFinished(run)) return events;
	for (const event of FINISH_EVENTS) if (wanted.has(event) && matchesFinishEvent(run, event)) events.push(event);
	const rate = skipRatePercent(run);
	if (wanted.has('skipRate') && rate !== null && rate > settings.skipRatePercent) events.push('skipRate');
	return events;
}

/** One poll: the run events to emit (oldest run first) and the state to keep. */
export function advanceState(
	previous: RunWatchState,
	runs: IDataObject[],
	settings: WatchSettings,
): { state: RunWatchState; emit: RunEmission[] } {
	const state: RunWatchState = {
		...previous,
		handled: { ...previous.handled },
		pending: { ...previous.pending },
		delayed: { ...previous.delayed },
		lastStart: { ...previous.lastStart },
		conditions: { ...previous.conditions },
	};
	const emit: RunEmission[] = [];
	for (const run of byStart(runs, state.newestStart)) {
		if (run.id === undefined) continue;
		const id = String(run.id);
		const started = startOf(run, state.newestStart);
		if (id in state.handled) continue;
		const known = id in state.pending;
		if (!known && state.handledThrough !== null && started <= state.handledThrough) continue;
		const events = eventsFor(run, started, !known, id in state.delayed, settings);
		if (record(state, run, started) === 'pending' && events.includes('delayed')) state.delayed[id] = started;
		for (const event of events) emit.push({ event, run });
	}
	return { state: tidy(state), emit };
}

function numbers(value: unknown): Record<string, number> {
	const result: Record<string, number> = {};
	if (!value || typeof value !== 'object') return result;
	for (const [key, entry] of Object.entries(value)) if (typeof entry === 'number') result[key] = entry;
	return result;
}

/** Reads what static data holds (also what version 1 of the trigger wrote), or undefined. */
export function readState(value: unknown): RunWatchState | undefined {
	const state = value as Partial<RunWatchState> | undefined;
	if (
		!state ||
		typeof state.watchKey !== 'string' ||
		typeof state.newestStart !== 'number' ||
		typeof state.handled !== 'object' ||
		typeof state.pending !== 'object'
	) {
		return undefined;
	}
	return {
		watchKey: state.watchKey,
		newestStart: state.newestStart,
		handled: numbers(state.handled),
		handledThrough: typeof state.handledThrough === 'number' ? state.handledThrough : null,
		pending: numbers(state.pending),
		delayed: numbers(state.delayed),
		lastStart: numbers(state.lastStart),
		watchingSince: typeof state.watchingSince === 'number' ? state.watchingSince : state.newestStart - BASELINE_LOOKBACK_MS,
		conditions: numbers(state.conditions),
	};
}
