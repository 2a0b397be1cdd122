import { showValue } from '../showValue';
import { titleOf } from './fields';
import type { SchemaViolation } from './validate';

export interface ViolationSource {
	/** Where the values came from, e.g. `Target Parameters` or `credential "SFTP Password for Adobe Experience Platform (AEP) API"`. */
	subject: string;
	/** Which schema said so, e.g. `the Amazon S3 targetSpec`. */
	schemaName: string;
	/** Values from credentials are never repeated in a message. */
	secret?: boolean;
}

/** The field as the form labels it: the credential field's label, else the spec's title, never an internal name alone. */
export function fieldName(violation: SchemaViolation): string {
	if (violation.label) return violation.label;
	const last = violation.path[violation.path.length - 1];
	if (last === undefined) return 'the whole object';
	return titleOf(violation.schema, last);
}

/** One sentence naming the field, the value given (unless secret) and what is allowed. */
export function describeViolation(violation: SchemaViolation, source: ViolationSource): string {
	const field = fieldName(violation);
	if (violation.kind === 'required') {
		return `Missing ${field} in ${source.subject}: ${source.schemaName} requires it.`;
	}
	const given = source.secret ? 'the value given (hidden, it comes from a credential)' : showValue(violation.value);
	return `Invalid ${field} in ${source.subject}: ${given}. Allowed: ${violation.allowed} (${source.schemaName}).`;
}
