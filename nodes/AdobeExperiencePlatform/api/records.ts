/**
 * Reading, listing and deleting the records of Flow Service's collections (base, source and target
 * connections, dataflows). Deletes are answered 202 by the destinations spec and 204 by other
 * Adobe pages: any 2xx is a success.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AepContext } from '../transport';
import { aepListByContinuation, aepRequest } from '../transport';
import { getOne } from './getOne';
import type { Collection } from './paths';
import { COLLECTIONS, PATHS } from './paths';

/** The path of one record, and what to call it in messages. */
export const RECORDS: Record<Collection, { path: (id: string) => string; what: string }> = {
	baseConnections: { path: PATHS.baseConnection, what: 'Base connection' },
	sourceConnections: { path: PATHS.sourceConnection, what: 'Source connection' },
	targetConnections: { path: PATHS.targetConnection, what: 'Target connection' },
	flows: { path: PATHS.flow, what: 'Dataflow' },
};

/** GET one record; a clear error when AEP answers without it. */
export async function getRecord(ctx: AepContext, collection: Collection, id: string, itemIndex?: number): Promise<IDataObject> {
	const record = await getOne(ctx, RECORDS[collection].path(id), itemIndex);
	if (!record) {
		throw new NodeOperationError(ctx.getNode(), `${RECORDS[collection].what} ${id} was not found`, {
			itemIndex,
			description: 'AEP answered without it. Check the ID and the sandbox of the credential.',
		});
	}
	return record;
}

/**
 * A collection, newest first, narrowed by `property` filters (each ANDed), over continuation
 * pages; `limit` undefined means every record.
 */
export async function listRecords(
	ctx: AepContext,
	collection: Collection,
	filters: string[],
	options: { limit?: number; keep?: (item: IDataObject) => boolean; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	return await aepListByContinuation(ctx, {
		path: COLLECTIONS[collection],
		qs: {
			...(filters.length ? { property: filters.length === 1 ? filters[0] : filters } : {}),
			orderby: '-createdAt',
		},
		limit: options.limit,
		keep: options.keep,
		itemIndex: options.itemIndex,
	});
}

/** DELETE one record. */
export async function deleteRecord(ctx: AepContext, collection: Collection, id: string, itemIndex?: number): Promise<void> {
	await aepRequest(ctx, { method: 'DELETE', path: RECORDS[collection].path(id), itemIndex });
}
