import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listRecords } from '../../api/records';
import { audienceLocator, AUDIENCE_ID_EXAMPLE } from '../../descriptions/audienceLocator';
import { MAX_LIMIT, returnAllOrLimit } from '../../descriptions/common';
import { destinationLocator, DESTINATION_ID_EXAMPLE } from '../../descriptions/locators';
import { flowExportType } from '../../domain/dataflow';
import { dataflowPropertyFilters, datasetSourceFilter, nameContains } from '../../domain/dataflowFilters';
import { datasetFlowExpiry } from '../../domain/expiry';
import { executePerItem } from '../../helpers/execute';
import { invalidParameter, requireUuid, requireWholeNumber } from '../../helpers/validation';
import { dataflowOutput } from './dataflowOutput';

const DATASET_ID = /^[A-Za-z0-9_-]{1,64}$/;

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			audienceLocator({ description: 'Keep only dataflows that export this audience' }),
			{
				displayName: 'Dataset ID',
				name: 'datasetId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5ba9452c7bc8e0000061c4ba',
				description: 'Keep only dataflows that export this dataset',
			},
			destinationLocator({ required: false, description: 'Keep only dataflows to this destination' }),
			{
				displayName: 'Ending Within (Days)',
				name: 'endingWithinDays',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 0, maxValue: 3650 },
				description: 'Keep only dataset dataflows that stop within this many days (by their End Time, or six months after creation without one), including those already stopped',
			},
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Keep only dataflows whose name contains this text (any case)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'enabled',
				options: [
					{ name: 'Enabled', value: 'enabled' },
					{ name: 'Disabled', value: 'disabled' },
				],
				description: 'Keep only enabled or only disabled dataflows',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['getAll'] } }, properties);

interface Filters {
	audience?: unknown;
	datasetId?: unknown;
	destination?: unknown;
	endingWithinDays?: unknown;
	nameContains?: unknown;
	state?: unknown;
}

/** A locator's value inside a collection (the whole `{__rl, value}` object or a plain string). */
function locatorValue(value: unknown): string {
	const raw = value && typeof value === 'object' ? (value as IDataObject).value : value;
	return typeof raw === 'string' ? raw.trim() : '';
}

/** The filters Flow Service cannot apply: name contains, and when a dataset dataflow stops. */
function keepFlow(wantedName: string | undefined, endingWithinDays: number | undefined, nowMs: number) {
	if (!wantedName?.trim() && endingWithinDays === undefined) return undefined;
	return (flow: IDataObject) => {
		if (!nameContains(flow.name, wantedName)) return false;
		if (endingWithinDays === undefined) return true;
		const { daysLeft } = datasetFlowExpiry(flow, nowMs);
		return flowExportType(flow) === 'datasets' && daysLeft !== null && daysLeft <= endingWithinDays;
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll
			? undefined
			: requireWholeNumber(this, 'Limit', this.getNodeParameter('limit', itemIndex), 1, MAX_LIMIT, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
		const audience = this.getNodeParameter('filters.audience', itemIndex, '', { extractValue: true }) as unknown;
		const destination = this.getNodeParameter('filters.destination', itemIndex, '', { extractValue: true }) as unknown;
		const audienceId = locatorValue(audience)
			? requireUuid(this, 'Audience', locatorValue(audience), `Allowed: an audience picked from the list, or its ID (a UUID such as ${AUDIENCE_ID_EXAMPLE}).`, itemIndex)
			: undefined;
		const destinationId = locatorValue(destination)
			? requireUuid(this, 'Destination', locatorValue(destination), `Allowed: a destination picked from the list, or its connection spec ID (a UUID such as ${DESTINATION_ID_EXAMPLE}).`, itemIndex)
			: undefined;
		const datasetId = typeof filters.datasetId === 'string' ? filters.datasetId.trim() : '';
		if (datasetId && !DATASET_ID.test(datasetId)) {
			throw invalidParameter(this, 'Dataset ID', filters.datasetId, 'Allowed: a dataset ID such as 5ba9452c7bc8e0000061c4ba.', itemIndex);
		}
		const state = filters.state;
		if (state !== undefined && state !== 'enabled' && state !== 'disabled') {
			throw invalidParameter(this, 'State', state, 'Allowed: "enabled" or "disabled".', itemIndex);
		}
		const wantedName = typeof filters.nameContains === 'string' ? filters.nameContains : undefined;
		const endingWithin =
			filters.endingWithinDays === undefined ? undefined : requireWholeNumber(this, 'Ending Within (Days)', filters.endingWithinDays, 0, 3650, itemIndex);
		const nowMs = Date.now();

		let sourceConnectionIds: string[] | undefined;
		if (datasetId) {
			// Flows do not carry their datasets: find the Data Lake source connections that export it.
			const sources = await listRecords(this, 'sourceConnections', [datasetSourceFilter(datasetId)], { itemIndex });
			sourceConnectionIds = sources.map((source) => String(source.id));
			if (sourceConnectionIds.length === 0) return [];
		}
		const flows = await listRecords(
			this,
			'flows',
			dataflowPropertyFilters({ destinationId, audienceId, sourceConnectionIds, state }),
			{ limit, itemIndex, keep: keepFlow(wantedName, endingWithin, nowMs) },
		);
		return flows.map((flow) => dataflowOutput(flow, nowMs));
	});
}
