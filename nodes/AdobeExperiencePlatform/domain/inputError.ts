/**
 * Bad input found by the pure dataflow logic (no n8n context there). The node turns it into the
 * house NodeOperationError, which names the parameter, the value and what is allowed, and, inside
 * a list of operations, which one ("Add Audience 2").
 */
export class DataflowInputError extends Error {
	constructor(
		readonly parameter: string,
		readonly value: unknown,
		readonly allowed: string,
		/** The operation and its position in the form, e.g. "Add Audience 2". */
		readonly operation?: string,
	) {
		super(`${operation ? `${operation}: ` : ''}Invalid ${parameter}: ${allowed}`);
		this.name = 'DataflowInputError';
	}
}

export function inputError(parameter: string, value: unknown, allowed: string): DataflowInputError {
	return new DataflowInputError(parameter, value, allowed);
}

function namedIn(error: DataflowInputError, operation: string): DataflowInputError {
	return new DataflowInputError(error.parameter, error.value, error.allowed, operation);
}

/** Runs `read`; an input error it raises names `operation` (the first, innermost name wins). */
export function inOperation<T>(operation: string, read: () => T): T {
	let failure: unknown;
	try {
		return read();
	} catch (error) {
		failure = error;
	}
	throw failure instanceof DataflowInputError && !failure.operation ? namedIn(failure, operation) : failure;
}
