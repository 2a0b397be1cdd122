import type { SchemaViolation } from '../schema/validate';
import type { StorageCredentialKind } from './registry';
import { credentialFieldFor } from './registry';

/** Tells which credential field a missing or invalid authSpec property comes from. */
export function withCredentialField(
	kind: StorageCredentialKind | undefined,
	violations: SchemaViolation[],
): SchemaViolation[] {
	return violations.map((violation) => {
		const property = violation.path[violation.path.length - 1] ?? '';
		const field = credentialFieldFor(kind, property);
		const hint = field
			? ` (credential field "${field}")`
			: kind
				? ' (this credential type has no field for it: use the AEP Destination Custom Auth credential)'
				: '';
		return { ...violation, allowed: `${violation.allowed}${hint}` };
	});
}
