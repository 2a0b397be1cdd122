/** Turning what the pure domain helpers found wrong into the house NodeOperationError. */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DataflowInputError } from '../domain/inputError';
import type { ViolationSource } from '../domain/schema/describeViolation';
import { describeViolation } from '../domain/schema/describeViolation';
import type { SchemaViolation } from '../domain/schema/validate';
import { invalidParameter } from './validation';

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

/** The error for values a spec rejects, raised before any request that would send them. */
export function schemaViolationError(
	node: INode,
	violations: SchemaViolation[],
	source: ViolationSource,
	itemIndex?: number,
): NodeOperationError {
	const sentences = violations.map((violation) => describeViolation(violation, source));
	return new NodeOperationError(node, sentences[0], {
		itemIndex,
		description:
			sentences.length > 1
				? `${sentences.length} problems: ${sentences.join(' ')}`
				: `Checked against ${source.schemaName} before sending anything to AEP.`,
	});
}
