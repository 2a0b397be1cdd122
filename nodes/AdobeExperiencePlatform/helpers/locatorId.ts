/** The ID a resource locator holds when it sits inside a collection (n8n does not extract it there). */
import { LAST_UUID_PATTERN } from '../descriptions/rlc.builder';

export function locatorId(value: unknown): string {
	const locator = value && typeof value === 'object' ? (value as { mode?: unknown; value?: unknown }) : { value };
	const raw = typeof locator.value === 'string' ? locator.value.trim() : '';
	if (locator.mode !== 'url') return raw;
	return new RegExp(LAST_UUID_PATTERN).exec(raw)?.[1] ?? raw;
}
