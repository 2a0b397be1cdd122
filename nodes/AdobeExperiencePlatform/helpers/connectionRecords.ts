/**
 * Get, Get Many and Delete for base, source and target connections: the same three jobs on three
 * collections, written once. Deletes are refused, before any DELETE, while a dataflow uses the
 * connection (Adobe: delete the dataflows first).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Collection } from '../api/paths';
import { deleteRecord, getRecord, listRecords } from '../api/records';
import type { ConnectionKind } from '../descriptions/connectionLocators';
import { exportTypeParameter, MAX_LIMIT, returnAllOrLimit } from '../descriptions/common';
import { CONNECTION_ID_EXAMPLE, destinationLocator, DESTINATION_ID_EXAMPLE } from '../descriptions/locators';
import { sourceSpecOf } from '../domain/catalogue';
import { nameContains } from '../domain/dataflowFilters';
import { executePerItem } from './execute';
import { locatorId } from './locatorId';
import { invalidParameter, requireUuid, requireWholeNumber } from './validation';

export const COLLECTION_OF: Record<ConnectionKind, Exclude<Collection, 'flows'>> = {
	base: 'baseConnections',
	source: 'sourceConnections',
	target: 'targetConnections',
};
const LABEL: Record<ConnectionKind, string> = { base: 'Base Connection', source: 'Source Connection', target: 'Target Connection' };

export function getConnectionRecordId(ctx: IExecuteFunctions, kind: ConnectionKind, itemIndex: number): string {
	return requireUuid(
		ctx,
		LABEL[kind],
		ctx.getNodeParameter('connection', itemIndex, '', { extractValue: true }),
		`Allowed: a ${LABEL[kind].toLowerCase()} picked from the list, or its ID (a UUID such as ${CONNECTION_ID_EXAMPLE}).`,
		itemIndex,
	);
}

/** A connection as output: everything but the values of `auth.params`, which may hold secrets. */
export function connectionOutput(record: IDataObject): IDataObject {
	const { auth, ...rest } = record;
	if (!auth || typeof auth !== 'object') return { ...rest };
	const { params, ...authRest } = auth as IDataObject;
	return { ...rest, auth: { ...authRest, paramNames: Object.keys((params ?? {}) as IDataObject) } };
}

export async function getConnectionExecute(ctx: IExecuteFunctions, kind: ConnectionKind): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, async (itemIndex) => {
		const id = getConnectionRecordId(ctx, kind, itemIndex);
		return [connectionOutput(await getRecord(ctx, COLLECTION_OF[kind], id, itemIndex))];
	});
}

export function getManyConnectionProperties(kind: ConnectionKind): INodeProperties[] {
	const destination: INodeProperties[] =
		kind === 'source'
			? [{ ...exportTypeParameter, description: 'Keep only source connections of datasets (Data Lake) or of audiences (Profile store)' }]
			: [destinationLocator({ required: false, description: 'Keep only connections to this destination' })];
	return [
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				...destination,
				{ displayName: 'Name Contains', name: 'nameContains', type: 'string', default: '', description: 'Keep only connections whose name contains this text (any case)' },
			],
		},
	];
}

export async function getManyConnectionsExecute(ctx: IExecuteFunctions, kind: ConnectionKind): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, async (itemIndex) => {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : requireWholeNumber(ctx, 'Limit', ctx.getNodeParameter('limit', itemIndex), 1, MAX_LIMIT, itemIndex);
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const destination = locatorId(filters.destination);
		const specId = destination
			? requireUuid(ctx, 'Destination', destination, `Allowed: a destination picked from the list, or its connection spec ID (a UUID such as ${DESTINATION_ID_EXAMPLE}).`, itemIndex)
			: undefined;
		const exportType = filters.exportType;
		if (exportType !== undefined && exportType !== 'datasets' && exportType !== 'audiences') {
			throw invalidParameter(ctx, 'Export Type', exportType, 'Allowed: "datasets" or "audiences".', itemIndex);
		}
		const property = specId ? [`connectionSpec.id==${specId}`] : exportType ? [`connectionSpec.id==${sourceSpecOf(exportType)}`] : [];
		const wanted = typeof filters.nameContains === 'string' && filters.nameContains.trim() ? filters.nameContains : undefined;
		const records = await listRecords(ctx, COLLECTION_OF[kind], property, {
			limit,
			itemIndex,
			keep: wanted ? (record) => nameContains(record.name, wanted) : undefined,
		});
		return records.map(connectionOutput);
	});
}

/** The dataflows using a connection (through its target connections, for a base connection). */
export async function dataflowsUsing(ctx: IExecuteFunctions, kind: ConnectionKind, id: string, itemIndex: number): Promise<string[]> {
	let field = kind === 'source' ? 'sourceConnectionIds' : 'targetConnectionIds';
	let ids = [id];
	if (kind === 'base') {
		const targets = await listRecords(ctx, 'targetConnections', [`baseConnectionId==${id}`], { itemIndex });
		ids = targets.map((target) => String(target.id));
		field = 'targetConnectionIds';
		if (ids.length === 0) return [];
	}
	const flows = await listRecords(ctx, 'flows', [`${field}[]==${ids.join(',')}`], { itemIndex });
	return flows.map((flow) => String(flow.id));
}

export async function deleteConnectionExecute(ctx: IExecuteFunctions, kind: ConnectionKind): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, async (itemIndex) => {
		const id = getConnectionRecordId(ctx, kind, itemIndex);
		const users = await dataflowsUsing(ctx, kind, id, itemIndex);
		if (users.length) {
			throw new NodeOperationError(ctx.getNode(), `${LABEL[kind]} ${id} is used by dataflow ${users.join(', ')}: nothing was deleted`, {
				itemIndex,
				description: 'AEP deletes a connection only once no dataflow uses it. Delete those dataflows first (Dataflow → Delete, which can also delete their connections).',
			});
		}
		await deleteRecord(ctx, COLLECTION_OF[kind], id, itemIndex);
		return [{ deleted: true, id }];
	});
}
