/** The events the run trigger can fire on, as Adobe's destination alerts name them, and what each means. */
import type { IDataObject } from 'n8n-workflow';

import { isRunFinished, runStatusOf } from './runSummary';

/** Events about one run: each fires at most once per run. */
export type RunEvent = 'failed' | 'partialSuccess' | 'success' | 'anyFinished' | 'started' | 'delayed' | 'skipRate';
/** Events about a dataflow: each fires once per dataflow and occurrence of the condition. */
export type FlowEvent = 'missingRun' | 'ending';
export type TriggerEvent = RunEvent | FlowEvent;

export const FINISH_EVENTS: readonly RunEvent[] = ['failed', 'partialSuccess', 'success', 'anyFinished'];
export const FLOW_EVENTS: readonly FlowEvent[] = ['missingRun', 'ending'];

export const TRIGGER_EVENT_OPTIONS: Array<{ name: string; value: TriggerEvent; description: string }> = [
	{ name: 'Any Run Finished', value: 'anyFinished', description: 'A run ended, whatever its outcome' },
	{ name: 'Dataflow Ending Soon', value: 'ending', description: 'A dataset dataflow’s end time is within the chosen number of days' },
	{ name: 'Expected Run Missing', value: 'missingRun', description: 'No run started within the dataflow’s schedule interval plus a grace period' },
	{ name: 'Run Delayed', value: 'delayed', description: 'A run has been going for longer than the chosen number of minutes' },
	{ name: 'Run Failed', value: 'failed', description: 'A run ended with status failed' },
	{ name: 'Run Partially Succeeded', value: 'partialSuccess', description: 'A run ended with some records failed' },
	{ name: 'Run Started', value: 'started', description: 'A new run appeared' },
	{ name: 'Run Succeeded', value: 'success', description: 'A run ended with status success' },
	{ name: 'Skip Rate Above Threshold', value: 'skipRate', description: 'A finished run skipped more than the chosen percentage of the records it read' },
];

export const TRIGGER_EVENTS: TriggerEvent[] = TRIGGER_EVENT_OPTIONS.map((option) => option.value);

/** Short labels for messages, e.g. "Run failed". */
export const EVENT_LABELS: Record<TriggerEvent, string> = {
	failed: 'Run failed',
	partialSuccess: 'Run partially succeeded',
	success: 'Run succeeded',
	anyFinished: 'Run finished',
	started: 'Run started',
	delayed: 'Run delayed',
	skipRate: 'Skip rate above threshold',
	missingRun: 'Expected run missing',
	ending: 'Dataflow ending soon',
};

export function isFlowEvent(event: TriggerEvent): event is FlowEvent {
	return (FLOW_EVENTS as readonly string[]).includes(event);
}

/** Whether a finished-run event (failed, partialSuccess, success, anyFinished) fits the run. */
export function matchesFinishEvent(run: IDataObject, event: RunEvent): boolean {
	if (!isRunFinished(run)) return false;
	return event === 'anyFinished' || runStatusOf(run) === event;
}
