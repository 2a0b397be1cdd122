import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

type NodeSource = Pick<IExecuteFunctions, 'getNode'> | INode;

function nodeOf(source: NodeSource): INode {
	return 'getNode' in source ? source.getNode() : source;
}

/** Shows a value the way a user typed it, short enough for an error message. */
export function showValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === '') return 'an empty value';
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * The error for bad input, raised before any request: it names the parameter, the value given
 * and what is allowed.
 */
export function invalidParameter(
	source: NodeSource,
	parameter: string,
	value: unknown,
	allowed: string,
	itemIndex?: number,
): NodeOperationError {
	return new NodeOperationError(
		nodeOf(source),
		`Invalid ${parameter}: ${showValue(value)}. ${allowed}`,
		{ itemIndex, description: `Parameter "${parameter}" must be: ${allowed}` },
	);
}

/**
 * AEP's IDs (connection specs, connections, dataflows, runs) are UUIDs. Written without the `i`
 * flag so that `.source` means the same in n8n's field validation, which compiles it on its own.
 */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * The UUID a parameter holds, trimmed; checked before it goes into a URL path or a request body,
 * so odd input never reaches AEP.
 */
export function requireUuid(
	source: NodeSource,
	parameter: string,
	value: unknown,
	allowed: string,
	itemIndex?: number,
): string {
	const id = typeof value === 'string' ? value.trim() : value;
	if (!isUuid(id)) throw invalidParameter(source, parameter, value, allowed, itemIndex);
	return id;
}

export function requireWholeNumber(
	source: NodeSource,
	parameter: string,
	value: unknown,
	min: number,
	max: number,
	itemIndex?: number,
): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw invalidParameter(
			source,
			parameter,
			value,
			`Allowed: a whole number from ${min} to ${max}.`,
			itemIndex,
		);
	}
	return value;
}
