import type { INode } from 'n8n-workflow';

import { invalidParameter } from '../validation';

/**
 * Bad input found by the pure dataflow logic (no n8n context there). The node turns it into the
 * house NodeOperationError, which names the parameter, the value and what is allowed.
 */
export class DataflowInputError extends Error {
	constructor(
		readonly parameter: string,
		readonly value: unknown,
		readonly allowed: string,
	) {
		super(`Invalid ${parameter}: ${allowed}`);
		this.name = 'DataflowInputError';
	}
}

export function inputError(parameter: string, value: unknown, allowed: string): DataflowInputError {
	return new DataflowInputError(parameter, value, allowed);
}

/** An input error as the NodeOperationError of this item; any other error as it is. */
export function asParameterError(node: INode, error: unknown, itemIndex: number): unknown {
	if (error instanceof DataflowInputError) {
		return invalidParameter(node, error.parameter, error.value, error.allowed, itemIndex);
	}
	return error;
}

/** Runs pure logic and reports its input errors as NodeOperationErrors for this item. */
export function withParameterErrors<T>(node: INode, itemIndex: number, run: () => T): T {
	try {
		return run();
	} catch (error) {
		throw asParameterError(node, error, itemIndex);
	}
}
