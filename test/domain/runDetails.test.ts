import type { IDataObject } from 'n8n-workflow';

import { entityRows, skipRatePercent, skipReasons } from '../../nodes/AdobeExperiencePlatform/domain/runs/entityRows';
import { dataflowUiUrl, scheduleEndMs, scheduleIntervalMs } from '../../nodes/AdobeExperiencePlatform/domain/runs/flowInfo';
import { baselineState, MAX_WATCHED_FLOWS, readState } from '../../nodes/AdobeExperiencePlatform/domain/runs/runWatch';
import { roughDuration } from '../../nodes/AdobeExperiencePlatform/domain/runs/runWatchFlows';

const datasetRun: IDataObject = {
	id: 'r',
	flowId: 'f',
	metrics: {
		recordSummary: {
			inputRecordCount: 300,
			skippedRecordCount: 30,
			sourceSummaries: [
				{ entitySummaries: [{ id: 'dataset:d1', inputRecordCount: 100, skippedRecordCount: 10 }] },
				{ entitySummaries: [{ id: 'dataset:d1', inputRecordCount: 100, skippedRecordCount: 20 }, { id: 'dataset:d2', inputRecordCount: 100 }] },
			],
			targetSummaries: [{ entitySummaries: [{ id: 'dataset:d2', createdRecordCount: 90, failedRecordCount: 10 }, { id: 'weird' }] }],
			skippedInfo: [
				{ code: 'SKIP-1', message: 'No identity', count: 20 },
				{ code: 'SKIP-1', message: 'No identity', count: 5 },
				{ code: 'SKIP-2', message: 'Consent', count: 5 },
				{ count: 3 },
			],
		},
	},
};

describe('run details', () => {
	test('one row per entity across source and target summaries, counts added, unreported counts null', () => {
		expect(entityRows(datasetRun)).toEqual([
			{ type: 'dataset', id: 'd1', recordsRead: 200, recordsWritten: null, recordsSkipped: 30, recordsFailed: null },
			{ type: 'dataset', id: 'd2', recordsRead: 100, recordsWritten: 90, recordsSkipped: null, recordsFailed: 10 },
			{ type: 'unknown', id: 'weird', recordsRead: null, recordsWritten: null, recordsSkipped: null, recordsFailed: null },
		]);
		expect(entityRows({})).toEqual([]);
	});

	test('skip reasons merged per code and message; skip rate in percent, null without counts', () => {
		expect(skipReasons(datasetRun)).toEqual([
			{ code: 'SKIP-1', message: 'No identity', count: 25 },
			{ code: 'SKIP-2', message: 'Consent', count: 5 },
		]);
		expect(skipRatePercent(datasetRun)).toBe(10);
		expect(skipRatePercent({ metrics: { recordSummary: { inputRecordCount: 0, skippedRecordCount: 0 } } })).toBeNull();
	});

	test('schedule intervals from dataset scheduleParams and from audience selector frequencies; end time in seconds or ms', () => {
		expect(scheduleIntervalMs({ scheduleParams: { timeUnit: 'day', interval: 1 } })).toBe(24 * 3_600_000);
		const selectors = [{ value: { schedule: { frequency: 'DAILY' } } }, { value: { schedule: { frequency: 'EVERY_6_HOURS' } } }, { value: { schedule: { frequency: 'ONCE' } } }];
		expect(scheduleIntervalMs({ transformations: [{ params: { segmentSelectors: { selectors } } }] })).toBe(6 * 3_600_000);
		expect(scheduleIntervalMs({ transformations: [{ params: { segmentSelectors: { selectors: [selectors[2]] } } }] })).toBeNull();
		expect(scheduleEndMs({ scheduleParams: { endTime: 1700000000 } })).toBe(1700000000000);
		expect(scheduleEndMs({ scheduleParams: { endTime: 1700000000000 } })).toBe(1700000000000);
	});

	test('the UI link (inferred form) with and without an organization', () => {
		expect(dataflowUiUrl('f-1', 'dev sandbox', '@acme')).toBe('https://experience.adobe.com/#/@acme/sname:dev%20sandbox/platform/destination/browse/f-1');
		expect(dataflowUiUrl('f-1', undefined)).toBe('https://experience.adobe.com/#/platform/destination/browse/f-1');
		expect(dataflowUiUrl(undefined, 'prod')).toBeNull();
	});

	test('rough durations', () => {
		expect([roughDuration(0), roughDuration(61_000), roughDuration(3 * 3_600_000), roughDuration(10 * 86_400_000 + 3_600_000)]).toEqual(['0m', '1m', '3h', '10d 1h']);
	});
});

describe('run watch memory', () => {
	test('reads what version 1 wrote, filling the new parts', () => {
		const v1 = { watchKey: 'all', newestStart: 5 * 86_400_000, handled: { a: 1 }, handledThrough: null, pending: { b: 2 } };
		expect(readState(v1)).toEqual({ ...v1, delayed: {}, lastStart: {}, watchingSince: 4 * 86_400_000, conditions: {} });
	});

	test('remembers at most MAX_WATCHED_FLOWS dataflows, the most recently run ones', () => {
		const runs = Array.from({ length: MAX_WATCHED_FLOWS + 5 }, (_, i) => ({
			id: `r${i}`,
			flowId: `f${i}`,
			metrics: { durationSummary: { startedAtUTC: 1000 + i, completedAtUTC: 2000 + i }, statusSummary: { status: 'success' } },
		}));
		const state = baselineState('all', runs, 10_000);
		expect(Object.keys(state.lastStart)).toHaveLength(MAX_WATCHED_FLOWS);
		expect(state.lastStart.f0).toBeUndefined();
		expect(state.lastStart[`f${MAX_WATCHED_FLOWS + 4}`]).toBe(1000 + MAX_WATCHED_FLOWS + 4);
	});
});
