import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDataflowOnce } from '../../api/flows';
import { listRuns } from '../../api/runs';
import { MAX_LIMIT, operationNotice, returnAllOrLimit } from '../../descriptions/common';
import { dataflowLocator } from '../../descriptions/locators';
import { uiOrganizationOption } from '../../descriptions/uiLink';
import { DOCS } from '../../domain/constants';
import { parseDateTime } from '../../domain/dates';
import { withDataflowNames } from '../../domain/runs/runNames';
import { normaliseRunStatus, RUN_STATUS_OPTIONS, runStatusOf, summariseRun } from '../../domain/runs/runSummary';
import { detailedRunSummary } from '../../domain/runs/runDetails';
import { STATUS_SPELLINGS } from '../../domain/runs/runsQuery';
import { executePerItem } from '../../helpers/execute';
import { getDataflowId } from '../../helpers/parameters';
import { invalidParameter, requireWholeNumber } from '../../helpers/validation';
import { namesOrNotFound } from './dataflowNames';
import { POLL_INTERVAL_SECONDS, readWaitOptions, TIMEOUT_SECONDS, waitForRun } from './waitForRun';

/** The property, shown only when "Wait for Completion" is `waiting`. */
function shownWhenWaiting(waiting: boolean, property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, waitForCompletion: [waiting] },
		},
	};
}

const properties: INodeProperties[] = [
	operationNotice(
		'Output: one item per run, newest first, with status, times, record/byte/file counts and errors, and the run as AEP gave it under <code>run</code>.',
		DOCS.runs,
		"Adobe's reference",
	),
	dataflowLocator(),
	{
		displayName: 'If the Dataflow Does Not Exist',
		name: 'ifDataflowNotFound',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Fail', value: 'error', description: "Stop with AEP's \"not found\"" },
			{
				name: 'Output Nothing',
				value: 'nothing',
				description: 'Output no item for it, and say so in a hint above the output',
			},
		],
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until a run has finished, checking at an interval, and output that run only',
	},
	...returnAllOrLimit().map((property) => shownWhenWaiting(false, property)),
	shownWhenWaiting(false, {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Started After',
				name: 'startedAfter',
				type: 'dateTime',
				default: '',
				description: 'Keep only runs that started after this time',
			},
			{
				displayName: 'Started Before',
				name: 'startedBefore',
				type: 'dateTime',
				default: '',
				description: 'Keep only runs that started before this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				options: RUN_STATUS_OPTIONS,
				description:
					'Keep only runs with one of these statuses (compared case-insensitively; "In Progress" includes Processing, Waiting, Pending and Queued)',
			},
			{
				displayName: 'Filter Status in AEP',
				name: 'statusInAep',
				type: 'boolean',
				default: false,
				description:
					'Whether AEP filters by status too (metrics.statusSummary.status, every documented spelling), so fewer pages are read; runs are still checked here',
			},
		],
	}),
	shownWhenWaiting(false, {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Add Details',
				name: 'addDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the dataflow and destination names (one more request), the skip rate and reasons, one row per audience or dataset (entities) and a link to the dataflow in the Experience Platform UI',
			},
			uiOrganizationOption({ displayOptions: { show: { addDetails: [true] } } }),
		],
	}),
	shownWhenWaiting(true, {
		displayName: 'Run to Wait For',
		name: 'runToWaitFor',
		type: 'options',
		default: 'newest',
		options: [
			{
				name: 'Newest Run',
				value: 'newest',
				description: 'The dataflow’s most recently created run at each check; waits for a first run if there is none yet',
			},
			{ name: 'Specific Run', value: 'runId', description: 'A run given by its ID' },
		],
	}),
	shownWhenWaiting(true, {
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. e80e24c1-82de-48de-8352-b2d0fca1c392',
		displayOptions: { show: { runToWaitFor: ['runId'] } },
	}),
	shownWhenWaiting(true, {
		displayName: 'Check Every (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		default: 60,
		typeOptions: { minValue: POLL_INTERVAL_SECONDS.min, maxValue: POLL_INTERVAL_SECONDS.max },
		description: `Seconds between two checks of the run, from ${POLL_INTERVAL_SECONDS.min} to ${POLL_INTERVAL_SECONDS.max}. Exports take minutes: a minute is usually enough.`,
	}),
	shownWhenWaiting(true, {
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		default: 1800,
		typeOptions: { minValue: TIMEOUT_SECONDS.min, maxValue: TIMEOUT_SECONDS.max },
		description: `How long to wait for the run to finish: 1800 is 30 minutes, at most ${TIMEOUT_SECONDS.max} (24 hours)`,
	}),
	shownWhenWaiting(true, {
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Fail', value: 'error', description: 'Stop with an error that says the run did not finish in time' },
			{
				name: 'Output Last State',
				value: 'output',
				description: 'Output the run as last seen, with timedOut set to true',
			},
		],
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['run'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const flowId = getDataflowId(this, itemIndex);
		const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
		if (wait) {
			const options = readWaitOptions(this, itemIndex);
			// The dataflow is read (names; "not found") while the first check goes out: one round trip.
			const reading = namesOrNotFound(this, flowId, itemIndex);
			const exists = reading.then((names) => names !== undefined);
			exists.catch(() => undefined);
			const run = await waitForRun(this, flowId, options, itemIndex, exists);
			const names = await reading;
			return run && names ? [withDataflowNames(run, names)] : [];
		}
		return await listFlowRuns(this, flowId, itemIndex);
	});
}

async function listFlowRuns(ctx: IExecuteFunctions, flowId: string, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll
		? undefined
		: requireWholeNumber(ctx, 'Limit', ctx.getNodeParameter('limit', itemIndex), 1, MAX_LIMIT, itemIndex);
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as {
		startedAfter?: unknown;
		startedBefore?: unknown;
		status?: unknown;
		statusInAep?: boolean;
	};
	const startedAfter = readTime(ctx, 'Started After', filters.startedAfter, itemIndex);
	const startedBefore = readTime(ctx, 'Started Before', filters.startedBefore, itemIndex);
	if (startedAfter !== undefined && startedBefore !== undefined && startedBefore <= startedAfter) {
		throw invalidParameter(
			ctx,
			'Started Before',
			filters.startedBefore,
			`Allowed: a time later than Started After (${new Date(startedAfter).toISOString()}).`,
			itemIndex,
		);
	}
	const known = RUN_STATUS_OPTIONS.map((option) => option.value as string);
	const statuses = new Set<string>();
	// One status given as text (an expression) is one status, not a list of its characters.
	const given = filters.status === undefined || filters.status === null ? [] : ([] as unknown[]).concat(filters.status);
	for (const status of given) {
		const normalised = normaliseRunStatus(status);
		if (normalised === null || !known.includes(normalised)) {
			throw invalidParameter(ctx, 'Status', status, `Allowed: ${known.join(', ')}.`, itemIndex);
		}
		statuses.add(normalised);
	}
	// The status filter is applied here: AEP's status strings vary in casing between documents and
	// the API does not say whether its own filter ignores case.
	// The runs are listed while the dataflow is read (its names; "not found"): one round trip, not two.
	const listing = listRuns(ctx, {
		flowIds: [flowId],
		startedAfter,
		startedBefore,
		limit,
		statuses: filters.statusInAep ? [...statuses].flatMap((status) => STATUS_SPELLINGS[status] ?? [status]) : undefined,
		keep: statuses.size ? (run) => statuses.has(runStatusOf(run) ?? '') : undefined,
		itemIndex,
	});
	// A dataflow that does not exist is reported by its read, not by the listing.
	listing.catch(() => undefined);
	const names = await namesOrNotFound(ctx, flowId, itemIndex);
	if (!names) return [];
	const runs = await listing;
	if (runs.length === 0) {
		// An empty output is a success in n8n: say why, so the next node's silence is not a mystery.
		const filtered = startedAfter !== undefined || startedBefore !== undefined || statuses.size > 0;
		ctx.addExecutionHints({
			message: `Dataflow "${names.dataflowName ?? flowId}" has no runs${filtered ? ' matching the filters' : ' yet'}, so item ${itemIndex + 1} output nothing.`,
			location: 'outputPane',
		});
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { addDetails?: boolean; uiOrganization?: string };
	if (!options.addDetails) return runs.map((run) => withDataflowNames(summariseRun(run), names));
	const flow = await readDataflowOnce(ctx, flowId, itemIndex);
	return runs.map((run) => detailedRunSummary(run, { flow, uiOrganization: options.uiOrganization?.trim() || undefined }));
}

/**
 * A time from a dateTime field (the picker's time without zone is in the workflow's time zone) or
 * an expression: ISO text, epoch milliseconds or seconds, Date or Luxon DateTime.
 */
function readTime(ctx: IExecuteFunctions, parameter: string, value: unknown, itemIndex: number): number | undefined {
	const ms = parseDateTime(value, ctx.getTimezone());
	if (ms === undefined) return undefined;
	if (!Number.isFinite(ms)) {
		throw invalidParameter(
			ctx,
			parameter,
			value,
			'Allowed: a date and time such as 2024-05-01T00:00:00Z, or epoch milliseconds.',
			itemIndex,
		);
	}
	return Math.trunc(ms);
}
