import type { IDataObject } from 'n8n-workflow';

import type { AepContext } from '../transport';
import { aepRequestBody } from '../transport';

/**
 * GET one record by ID. Flow Service answers `{items: [record]}` even for one record; a bare
 * record (with an `id`) is accepted too. Undefined when the answer holds no record: the caller
 * says what was not found.
 */
export async function getOne<T extends IDataObject = IDataObject>(
	ctx: AepContext,
	path: string,
	itemIndex?: number,
	deadline?: number,
): Promise<T | undefined> {
	const body = await aepRequestBody<IDataObject>(ctx, { method: 'GET', path, itemIndex, deadline });
	if (Array.isArray(body.items)) return body.items[0] as T | undefined;
	return body.id !== undefined ? (body as T) : undefined;
}
