/**
 * The trigger's output items: one per event, flat and ready to paste into a message (`message` is
 * a one-line text), with the raw run (`run`) or dataflow (`dataflow`) last.
 */
import type { IDataObject } from 'n8n-workflow';

import { dataflowNames, dataflowUiUrl } from './flowInfo';
import type { TriggerEvent } from './runEvents';
import { EVENT_LABELS } from './runEvents';
import { detailedRunSummary } from './runDetails';
import { humanDuration, runStartedAt } from './runSummary';

function show(value: unknown): string {
	return value === null || value === undefined ? 'n/a' : String(value);
}

function who(summary: IDataObject): string {
	const name = summary.dataflowName ?? summary.flowId ?? 'unknown dataflow';
	return summary.destinationName ? `${String(name)} → ${String(summary.destinationName)}` : String(name);
}

function runMessage(summary: IDataObject): string {
	const parts = [
		`${String(summary.eventLabel)}: ${who(summary)}`,
		`status ${show(summary.rawStatus ?? summary.status)}`,
		`started ${show(summary.startedAt)}`,
	];
	if (summary.duration) parts.push(`took ${String(summary.duration)}`);
	if (summary.runningFor) parts.push(`running for ${String(summary.runningFor)}`);
	parts.push(
		`records in ${show(summary.recordsRead)} / out ${show(summary.recordsWritten)} / skipped ${show(summary.recordsSkipped)} / failed ${show(summary.recordsFailed)}`,
	);
	if (summary.skipRatePercent !== null && summary.skipRatePercent !== undefined) parts.push(`skip rate ${String(summary.skipRatePercent)}%`);
	if (summary.errorSummary) parts.push(`errors: ${String(summary.errorSummary)}`);
	if (summary.skipReasonSummary) parts.push(`skipped: ${String(summary.skipReasonSummary)}`);
	return parts.join(' · ');
}

export function runEventItem(
	event: TriggerEvent,
	run: IDataObject,
	options: { flow?: IDataObject; uiOrganization?: string; now: number },
): IDataObject {
	const { run: raw, ...summary } = detailedRunSummary(run, options);
	const started = runStartedAt(run);
	const item: IDataObject = {
		event,
		eventLabel: EVENT_LABELS[event],
		...(options.flow ? {} : dataflowNames(undefined)),
		...summary,
	};
	if (event === 'delayed' && !summary.finished && started !== null) item.runningFor = humanDuration(options.now - started);
	return { event, eventLabel: item.eventLabel, message: runMessage(item), ...item, run: raw };
}

export function flowEventItem(
	event: TriggerEvent,
	flow: IDataObject,
	details: IDataObject,
	uiOrganization?: string,
): IDataObject {
	const item: IDataObject = {
		event,
		eventLabel: EVENT_LABELS[event],
		flowId: flow.id ?? null,
		...dataflowNames(flow),
		sandboxName: flow.sandboxName ?? null,
		...details,
		uiUrl: dataflowUiUrl(flow.id, flow.sandboxName, uiOrganization),
	};
	const why =
		event === 'ending'
			? `ends ${show(details.endTime)} (in ${show(details.endsIn)})`
			: `no run since ${show(details.lastRunStartedAt ?? 'watching began')}; one was expected by ${show(details.expectedBy)} (every ${show(details.scheduleInterval)})`;
	return { event, eventLabel: item.eventLabel, message: `${String(item.eventLabel)}: ${who(item)} · ${why}`, ...item, dataflow: flow };
}
