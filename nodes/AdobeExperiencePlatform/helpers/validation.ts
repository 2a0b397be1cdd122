import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showValue } from '../domain/showValue';
import { isUuid } from '../domain/uuid';

type NodeSource = Pick<IExecuteFunctions, 'getNode'> | INode;

function nodeOf(source: NodeSource): INode {
	return 'getNode' in source ? source.getNode() : source;
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
