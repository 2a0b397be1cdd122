/**
 * The safe change of a base or target connection (Adobe's "edit destination connections"
 * tutorial): read it, build a JSON Patch against what was read, send it with `If-Match` (its etag,
 * quoted once); on 412 (changed in between, nothing written) read again and rebuild, a bounded
 * number of times.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ifMatchHeader } from '../domain/etag';
import type { JsonPatchOperation } from '../domain/patch/changes';
import type { AepContext } from '../transport';
import { aepRequest } from '../transport';
import { isPreconditionFailed } from './flows';
import type { Collection } from './paths';
import { getRecord, RECORDS } from './records';

export const MAX_RECORD_PATCH_ATTEMPTS = 3;

export interface RecordPatchResult {
	before: IDataObject;
	operations: JsonPatchOperation[];
	attempts: number;
	etag?: string;
}

export async function patchRecord(
	ctx: AepContext,
	collection: Exclude<Collection, 'flows'>,
	id: string,
	build: (record: IDataObject) => JsonPatchOperation[] | Promise<JsonPatchOperation[]>,
	itemIndex?: number,
): Promise<RecordPatchResult> {
	let record = await getRecord(ctx, collection, id, itemIndex);
	for (let attempt = 1; ; attempt++) {
		const operations = await build(record);
		let failure: unknown;
		try {
			const response = await aepRequest<IDataObject>(ctx, {
				method: 'PATCH',
				path: RECORDS[collection].path(id),
				body: operations as unknown as IDataObject[],
				headers: { 'If-Match': ifMatchHeader(String(record.etag ?? '')) },
				itemIndex,
			});
			const etag = typeof response.body?.etag === 'string' ? response.body.etag : undefined;
			return { before: record, operations, attempts: attempt, etag };
		} catch (error) {
			failure = error;
		}
		if (!isPreconditionFailed(failure)) throw failure;
		if (attempt >= MAX_RECORD_PATCH_ATTEMPTS) {
			const aep = (failure as { context?: { aep?: IDataObject } }).context?.aep ?? {};
			const apiError = new NodeApiError(ctx.getNode(), { message: String(aep.aepMessage ?? 'Precondition failed') } as JsonObject, {
				message: `${RECORDS[collection].what} ${id} kept changing while this node updated it: AEP answered 412 to ${attempt} attempts, each made against a fresh read`,
				description: 'Another client is updating it right now. Nothing was changed by this node. Run it again later.',
				httpCode: '412',
				itemIndex,
			});
			apiError.context.aep = aep;
			throw apiError;
		}
		record = await getRecord(ctx, collection, id, itemIndex);
	}
}
