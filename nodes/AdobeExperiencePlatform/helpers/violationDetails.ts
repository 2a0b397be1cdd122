/** The error's details (shown when the user opens them): what the message left out, e.g. a regular expression. */
import type { NodeOperationError } from 'n8n-workflow';

import { fieldName } from '../domain/schema/describeViolation';
import type { SchemaViolation } from '../domain/schema/validate';

export function withViolationDetails(error: NodeOperationError, violations: SchemaViolation[]): NodeOperationError {
	const details = violations.flatMap((violation) =>
		violation.detail ? [`${fieldName(violation)} must match ${violation.detail}.`] : [],
	);
	if (details.length) error.description = [error.description, ...details].filter(Boolean).join(' ');
	return error;
}
