/** The ID a resource locator holds when it sits inside a collection (n8n does not extract it there). */
import { LAST_UUID_PATTERN } from '../descriptions/rlc.builder';

/** `lastId`: the pattern of the last ID in a URL, by default a UUID's. */
export function locatorId(value: unknown, lastId = LAST_UUID_PATTERN): string {
	const locator = value && typeof value === 'object' ? (value as { mode?: unknown; value?: unknown }) : { value };
	const raw = typeof locator.value === 'string' ? locator.value.trim() : '';
	if (locator.mode !== 'url') return raw;
	return new RegExp(lastId).exec(raw)?.[1] ?? raw;
}
