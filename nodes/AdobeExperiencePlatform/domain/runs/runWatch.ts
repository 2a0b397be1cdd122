/**
 * What the run trigger remembers between polls (in the workflow's static data, so it survives
 * restarts) and how one poll's runs move it on. Pure functions: the node does the requests.
 *
 * Each poll lists the runs that started after `windowStart(state)`: an hour before the newest
 * start seen (runs may become visible late), or earlier while a run seen in progress is still open.
 * A finished run is handled once; runs that start before the window can never be listed again, so
 * they are forgotten, which keeps the memory small.
 */
import type { IDataObject } from 'n8n-workflow';

import { isRunFinished, runStartedAt, runStatusOf } from './runSummary';

export type RunEvent = 'anyFinished' | 'failed' | 'partialSuccess' | 'success';

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
}

/** How late a run may become visible after it started and still be caught. */
export const LATE_ARRIVAL_MS = 60 * 60 * 1000;
/** On the first poll, runs started this long ago are read to learn which are still in progress. */
export const BASELINE_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** A run in progress for longer than this stops holding the window open. */
export const PENDING_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_HANDLED_RUNS = 1000;
export const MAX_PENDING_RUNS = 500;

export function matchesEvent(run: IDataObject, event: RunEvent): boolean {
	if (!isRunFinished(run)) return false;
	return event === 'anyFinished' || runStatusOf(run) === event;
}

/** Runs that started after this time (ms) are listed by the next poll. */
export function windowStart(state: RunWatchState): number {
	return Math.min(state.newestStart - LATE_ARRIVAL_MS, ...Object.values(state.pending));
}

function startOf(run: IDataObject, fallback: number): number {
	const created = typeof run.createdAt === 'number' ? run.createdAt : undefined;
	return runStartedAt(run) ?? created ?? fallback;
}

/** Oldest first, so alerts arrive in the order the runs started. */
function byStart(runs: IDataObject[], fallback: number): IDataObject[] {
	return [...runs].sort((a, b) => startOf(a, fallback) - startOf(b, fallback));
}

/** Keeps the newest `max` entries; returns the latest start among those dropped. */
function capNewest(entries: Record<string, number>, max: number): number | null {
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
	const from = windowStart(state);
	// The list filter is "started after", so these can never come back.
	for (const [id, started] of Object.entries(state.handled)) {
		if (started <= from) delete state.handled[id];
	}
	const droppedThrough = capNewest(state.handled, MAX_HANDLED_RUNS);
	if (droppedThrough !== null) state.handledThrough = Math.max(state.handledThrough ?? droppedThrough, droppedThrough);
	if (state.handledThrough !== null && state.handledThrough <= from) state.handledThrough = null;
	return state;
}

function record(state: RunWatchState, run: IDataObject, started: number): 'finished' | 'pending' {
	const id = String(run.id);
	state.newestStart = Math.max(state.newestStart, started);
	if (!isRunFinished(run)) {
		state.pending[id] = started;
		return 'pending';
	}
	delete state.pending[id];
	state.handled[id] = started;
	return 'finished';
}

/** First poll: what exists now is the baseline; runs still in progress will be reported when they finish. */
export function baselineState(watchKey: string, runs: IDataObject[], now: number): RunWatchState {
	const state: RunWatchState = { watchKey, newestStart: now, handled: {}, handledThrough: null, pending: {} };
	const starts = runs.map((run) => startOf(run, now));
	if (starts.length) state.newestStart = Math.max(...starts);
	for (const run of runs) if (run.id !== undefined) record(state, run, startOf(run, now));
	return tidy(state);
}

/** One poll: the runs to emit (oldest first) and the state to keep. */
export function advanceState(
	previous: RunWatchState,
	runs: IDataObject[],
	event: RunEvent,
): { state: RunWatchState; emit: IDataObject[] } {
	const state: RunWatchState = {
		...previous,
		handled: { ...previous.handled },
		pending: { ...previous.pending },
	};
	const emit: IDataObject[] = [];
	for (const run of byStart(runs, state.newestStart)) {
		if (run.id === undefined) continue;
		const id = String(run.id);
		const started = startOf(run, state.newestStart);
		if (id in state.handled) continue;
		if (!(id in state.pending) && state.handledThrough !== null && started <= state.handledThrough) continue;
		if (record(state, run, started) === 'finished' && matchesEvent(run, event)) emit.push(run);
	}
	return { state: tidy(state), emit };
}

/** Reads what static data holds, or undefined when it is not a state this version wrote. */
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
		handled: { ...state.handled },
		handledThrough: typeof state.handledThrough === 'number' ? state.handledThrough : null,
		pending: { ...state.pending },
	};
}
