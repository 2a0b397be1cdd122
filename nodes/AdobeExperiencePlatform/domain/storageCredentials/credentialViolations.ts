import type { SchemaViolation } from '../schema/validate';
import type { StorageCredentialKind } from './registry';
import { credentialFieldFor } from './registry';

/** Names a missing or invalid authSpec property by the credential field it comes from, as the credential form labels it. */
export function withCredentialField(
	kind: StorageCredentialKind | undefined,
	violations: SchemaViolation[],
): SchemaViolation[] {
	return violations.map((violation) => {
		const property = violation.path[violation.path.length - 1] ?? '';
		const field = credentialFieldFor(kind, property);
		if (field) return { ...violation, label: field };
		const hint = kind
			? ' (this credential type has no field for it: use the Custom Destination Auth credential)'
			: '';
		return { ...violation, allowed: `${violation.allowed}${hint}` };
	});
}
