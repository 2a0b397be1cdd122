import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getDataflow, MAX_PATCH_ATTEMPTS, patchDataflow } from '../../api/flows';
import { operationNotice } from '../../descriptions/common';
import { attemptsOnConflictOption } from '../../descriptions/conflict';
import { dataflowLocator } from '../../descriptions/locators';
import { DOCS } from '../../domain/constants';
import { flowExportType } from '../../domain/dataflow';
import { parseDateTime } from '../../domain/dates';
import { datasetFlowExpiry, sixMonthsAfter } from '../../domain/expiry';
import { executePerItem } from '../../helpers/execute';
import { getDataflowId } from '../../helpers/parameters';
import { invalidParameter, requireWholeNumber } from '../../helpers/validation';
import { dataflowOutput } from './dataflowOutput';

const properties: INodeProperties[] = [
	operationNotice(
		'A dataset dataflow created without an End Time stops six months after creation. This sets its end time (a PATCH of <code>/scheduleParams/endTime</code>; etags are handled for you).',
		DOCS.exportDatasets,
	),
	dataflowLocator(),
	{
		displayName: 'New End Time',
		name: 'newEndTime',
		type: 'options',
		default: 'sixMonths',
		options: [
			{ name: 'Six Months From Now', value: 'sixMonths' },
			{ name: 'A Date and Time', value: 'date' },
		],
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { newEndTime: ['date'] } },
		description: 'When the dataflow stops exporting (in the workflow’s time zone unless the value says otherwise)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [attemptsOnConflictOption(MAX_PATCH_ATTEMPTS, 'dataflow')],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['extendEndTime'] } }, properties);

/** The new end time in epoch seconds, checked before any request. */
function readEndTime(ctx: IExecuteFunctions, itemIndex: number, nowMs: number): number {
	const choice = ctx.getNodeParameter('newEndTime', itemIndex) as string;
	if (choice === 'sixMonths') return Math.floor(sixMonthsAfter(nowMs) / 1000);
	if (choice !== 'date') throw invalidParameter(ctx, 'New End Time', choice, 'Allowed: "sixMonths" or "date".', itemIndex);
	const value = ctx.getNodeParameter('endTime', itemIndex, '') as unknown;
	const ms = parseDateTime(value, ctx.getTimezone());
	if (ms === undefined || !Number.isFinite(ms) || ms <= nowMs) {
		throw invalidParameter(ctx, 'End Time', value, 'Allowed: a date and time in the future, such as 2027-06-30T00:00:00Z.', itemIndex);
	}
	return Math.floor(ms / 1000);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const flowId = getDataflowId(this, itemIndex);
		const nowMs = Date.now();
		const endTime = readEndTime(this, itemIndex, nowMs);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const maxAttempts = requireWholeNumber(this, 'Attempts on Conflict', options.maxAttempts ?? MAX_PATCH_ATTEMPTS, 1, 10, itemIndex);
		let previous: IDataObject = {};
		const patch = await patchDataflow(
			this,
			flowId,
			(flow) => {
				if (flowExportType(flow) !== 'datasets' || !flow.scheduleParams) {
					throw new NodeOperationError(this.getNode(), `Dataflow ${flowId} does not export datasets`, {
						itemIndex,
						description: 'Only dataset dataflows have an end time. Audience dataflows end per audience: use Patch → Update Audience Schedule.',
					});
				}
				const startTime = Number((flow.scheduleParams as IDataObject).startTime);
				if (Number.isFinite(startTime) && endTime <= startTime) {
					throw invalidParameter(this, 'End Time', new Date(endTime * 1000).toISOString(), `Allowed: a time after the dataflow's start (${new Date(startTime * 1000).toISOString()}).`, itemIndex);
				}
				previous = datasetFlowExpiry(flow, nowMs) as unknown as IDataObject;
				const has = (flow.scheduleParams as IDataObject).endTime !== undefined;
				return [{ op: has ? 'replace' : 'add', path: '/scheduleParams/endTime', value: endTime }];
			},
			{ itemIndex, maxAttempts },
		);
		const flow = await getDataflow(this, flowId, itemIndex);
		return [dataflowOutput(flow, nowMs, { previousEndsAt: previous.endsAt ?? null, attempts: patch.attempts })];
	});
}
