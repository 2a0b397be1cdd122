/**
 * Editing one array of a dataflow with JSON Patch: removals from the highest index down (in one
 * patch, removing /selectors/0 then /selectors/1 would remove the 1st and the 3rd), then
 * replacements, then additions.
 */
import { inputError } from '../inputError';
import type { JsonPatchOperation } from './changes';

export interface ListEdit {
	/** JSON pointer of the array, e.g. /transformations/0/params/segmentSelectors/selectors. */
	path: string;
	/** The array now; undefined when its container does not exist yet. */
	current: unknown[] | undefined;
	/** Pointer and value that create the container with `items` when it does not exist. */
	create: (items: unknown[]) => JsonPatchOperation;
	keyOf: (item: unknown) => string | undefined;
	remove: string[];
	upsert: Array<{ key: string; value: unknown }>;
	/** What to do when an upserted key is already there. */
	existing: 'replace' | 'keep';
	/** For the error when keys to remove are not in the flow. */
	parameter: string;
	flowId: string;
}

export function editList(edit: ListEdit): JsonPatchOperation[] {
	const current = edit.current ?? [];
	const missing = edit.remove.filter((key) => !current.some((item) => edit.keyOf(item) === key));
	if (missing.length) {
		const present = current.map(edit.keyOf).filter(Boolean);
		throw inputError(
			edit.parameter,
			missing.join(', '),
			`Not in dataflow ${edit.flowId}. It has: ${present.length ? present.join(', ') : 'none'}.`,
		);
	}
	if (edit.current === undefined) {
		return edit.upsert.length ? [edit.create(edit.upsert.map((u) => u.value))] : [];
	}
	const operations: JsonPatchOperation[] = [];
	const removeIndexes = current
		.map((item, index) => (edit.remove.includes(edit.keyOf(item) ?? '\u0000') ? index : -1))
		.filter((index) => index >= 0)
		.sort((a, b) => b - a);
	// The destinations spec (PatchFlowItem) requires a value on every operation; its example sends
	// the removed item, which RFC 6902 ignores.
	for (const index of removeIndexes) operations.push({ op: 'remove', path: `${edit.path}/${index}`, value: current[index] });
	const remaining = current.filter((_, index) => !removeIndexes.includes(index));
	for (const { key, value } of edit.upsert) {
		const index = remaining.findIndex((item) => edit.keyOf(item) === key);
		if (index === -1) operations.push({ op: 'add', path: `${edit.path}/-`, value });
		// Replacing an item with an identical one would only bump the etag: nothing is sent for it.
		else if (edit.existing === 'replace' && !sameJson(remaining[index], value)) {
			operations.push({ op: 'replace', path: `${edit.path}/${index}`, value });
		}
	}
	return operations;
}

/** Equal as JSON, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
	const canonical = (value: unknown): unknown =>
		Array.isArray(value)
			? value.map(canonical)
			: value && typeof value === 'object'
				? Object.fromEntries(
						Object.keys(value)
							.sort()
							.map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
					)
				: value;
	return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
