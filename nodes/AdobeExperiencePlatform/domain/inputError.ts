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
