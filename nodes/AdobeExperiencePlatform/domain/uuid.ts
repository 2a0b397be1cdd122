/**
 * AEP's IDs (connection specs, connections, dataflows, runs) are UUIDs. Written without the `i`
 * flag so that `.source` means the same in n8n's field validation, which compiles it on its own.
 */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID_PATTERN.test(value);
}
