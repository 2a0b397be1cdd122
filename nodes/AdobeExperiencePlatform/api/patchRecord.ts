/** A base or target connection changed safely (Adobe's "edit destination connections" tutorial): `patchWithEtag`. */
import type { IDataObject } from 'n8n-workflow';

import type { JsonPatchOperation } from '../domain/patch/changes';
import type { AepContext } from '../transport';
import type { PatchResult } from './etagPatch';
import { patchWithEtag } from './etagPatch';
import type { Collection } from './paths';
import { getRecord, RECORDS } from './records';

export async function patchRecord(
	ctx: AepContext,
	collection: Exclude<Collection, 'flows'>,
	id: string,
	build: (record: IDataObject) => JsonPatchOperation[] | Promise<JsonPatchOperation[]>,
	itemIndex?: number,
): Promise<PatchResult> {
	return await patchWithEtag(ctx, {
		what: RECORDS[collection].what,
		id,
		path: RECORDS[collection].path(id),
		read: async () => await getRecord(ctx, collection, id, itemIndex),
		build,
		itemIndex,
	});
}
