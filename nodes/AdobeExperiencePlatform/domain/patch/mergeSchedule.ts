/** A dataset schedule change merged into the schedule a dataflow has now. */
import type { IDataObject } from 'n8n-workflow';

import type { DatasetScheduleChange } from '../datasetSchedule';
import { checkEndTime, checkFolderNameTemplate, checkStartTime, datasetExportMode, isOnce, parseDatasetFrequency } from '../datasetSchedule';
import { inputError } from '../inputError';

export function describeFlow(flow: IDataObject): string {
	return `${String(flow.id ?? '')}${flow.name ? ` ("${String(flow.name)}")` : ''}`;
}

export function mergeSchedule(flow: IDataObject, change: DatasetScheduleChange, nowMs: number): IDataObject {
	const current = (flow.scheduleParams ?? undefined) as IDataObject | undefined;
	let frequency = change.frequency;
	if (!frequency) {
		if (!current) {
			throw inputError('Frequency', undefined, `Required: dataflow ${describeFlow(flow)} has no schedule yet.`);
		}
		frequency = parseDatasetFrequency(
			current.timeUnit === 'day' && current.interval === 0 ? 'once' : `${String(current.timeUnit)}:${String(current.interval)}`,
			'Frequency',
		);
	}
	const startTime =
		change.startTime !== undefined
			? checkStartTime(change.startTime, nowMs)
			: typeof current?.startTime === 'number'
				? current.startTime * 1000
				: undefined;
	if (startTime === undefined) {
		throw inputError('Start Time', undefined, `Required: dataflow ${describeFlow(flow)} has no start time yet.`);
	}
	let endTime: number | undefined;
	if (change.endTime !== undefined) endTime = checkEndTime(change.endTime, startTime, nowMs);
	else if (typeof current?.endTime === 'number') endTime = current.endTime * 1000;

	let exportMode = change.exportMode?.trim() ? change.exportMode : undefined;
	if (exportMode === undefined && typeof current?.exportMode === 'string') {
		// The mode follows a frequency change: a one-time export is full, recurring ones incremental.
		exportMode = isOnce(frequency) ? 'DAILY_FULL_EXPORT' : current.exportMode === 'DAILY_FULL_EXPORT' ? 'FIRST_FULL_THEN_INCREMENTAL' : current.exportMode;
	}
	const mode = datasetExportMode(exportMode, frequency);
	const folderNameTemplate =
		change.folderNameTemplate !== undefined
			? checkFolderNameTemplate(change.folderNameTemplate)
			: (current?.folderNameTemplate as string | undefined);

	const merged: IDataObject = { ...(current ?? {}) };
	delete merged.exportMode;
	delete merged.endTime;
	delete merged.folderNameTemplate;
	return {
		...merged,
		...(mode ? { exportMode: mode } : {}),
		interval: frequency.interval,
		timeUnit: frequency.timeUnit,
		startTime: Math.floor(startTime / 1000),
		...(endTime !== undefined ? { endTime: Math.floor(endTime / 1000) } : {}),
		...(folderNameTemplate ? { folderNameTemplate } : {}),
	};
}
