/**
 * The safe change of a dataflow or a connection (Adobe's "update destination dataflows" and "edit
 * destination connections" tutorials): build a JSON Patch against the object as read (or as the
 * caller already has it), send it with `If-Match` (its etag, quoted once); on 412 (changed in
 * between, nothing written) read again and rebuild, a bounded number of times.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ifMatchHeader } from '../domain/etag';
import type { JsonPatchOperation } from '../domain/patch/changes';
import type { AepContext } from '../transport';
import { aepRequest } from '../transport';

/** Attempts at one update (first try included) before a 412 is reported. */
export const MAX_PATCH_ATTEMPTS = 3;

export interface PatchResult {
	/** The object the patch that succeeded was computed against (as read, or as the caller had it). */
	before: IDataObject;
	operations: JsonPatchOperation[];
	attempts: number;
	/** HTTP status of the PATCH (200 with `{id, etag}` or 202 without a body); undefined when nothing was sent. */
	statusCode?: number;
	/** The etag the PATCH answered with, if any. */
	etag?: string;
}

export interface EtagPatch {
	/** What is patched, for messages: "Dataflow", "Base connection". */
	what: string;
	id: string;
	path: string;
	read: () => Promise<IDataObject>;
	/** May throw input errors (nothing is sent then); no operations: no PATCH is sent. */
	build: (current: IDataObject) => JsonPatchOperation[] | Promise<JsonPatchOperation[]>;
	/** The object as the caller already has it (with its etag): saves the first read; a stale one gets a 412. */
	known?: IDataObject;
	maxAttempts?: number;
	itemIndex?: number;
}

function isPreconditionFailed(error: unknown): boolean {
	const e = error as { httpCode?: string | null; context?: { aep?: { status?: number | null } } };
	return e?.httpCode === '412' || e?.context?.aep?.status === 412;
}

export async function patchWithEtag(ctx: AepContext, patch: EtagPatch): Promise<PatchResult> {
	const maxAttempts = patch.maxAttempts ?? MAX_PATCH_ATTEMPTS;
	let current = patch.known ?? (await patch.read());
	for (let attempt = 1; ; attempt++) {
		const operations = await patch.build(current);
		if (operations.length === 0) return { before: current, operations, attempts: attempt - 1 };
		let failure: unknown;
		try {
			const response = await aepRequest<IDataObject>(ctx, {
				method: 'PATCH',
				path: patch.path,
				body: operations as unknown as IDataObject[],
				headers: { 'If-Match': ifMatchHeader(String(current.etag ?? '')) },
				itemIndex: patch.itemIndex,
			});
			const etag = typeof response.body?.etag === 'string' ? response.body.etag : undefined;
			return { before: current, operations, attempts: attempt, statusCode: response.statusCode, etag };
		} catch (error) {
			failure = error;
		}
		// Anything but a 412 is already the transport's NodeApiError: the write may have happened, so no retry.
		if (!isPreconditionFailed(failure)) throw failure;
		if (attempt >= maxAttempts) {
			const aep = (failure as { context?: { aep?: IDataObject } }).context?.aep ?? {};
			const apiError = new NodeApiError(ctx.getNode(), { message: String(aep.aepMessage ?? 'Precondition failed') } as JsonObject, {
				message: `${patch.what} ${patch.id} kept changing while this node updated it: AEP answered 412 (etag mismatch) to ${attempt} attempts, each made against a fresh read`,
				description: `Another client is updating this ${patch.what.toLowerCase()} right now. Nothing was changed by this node. Run it again later.`,
				httpCode: '412',
				itemIndex: patch.itemIndex,
			});
			apiError.context.aep = aep;
			throw apiError;
		}
		// AEP refused the write (nothing changed): read again and rebuild against it.
		current = await patch.read();
	}
}
