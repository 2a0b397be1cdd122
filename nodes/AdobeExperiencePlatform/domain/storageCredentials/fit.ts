/**
 * Which storage credentials can fill a destination's auth method, derived from the registry: a
 * mapped credential fits when every property the auth method requires comes from one of its
 * fields, and it was made for that auth method or destination; the custom JSON credential fits
 * any auth method; "None" fits only a destination without auth methods (Data Landing Zone).
 */
import type { AuthSpec, ConnectionSpec } from '../catalogue';
import { sameAuthMethod } from './authParams';
import type { StorageCredentialKind } from './registry';
import { credentialFieldFor, CUSTOM_AUTH_KIND, NO_CREDENTIAL_OPTION, STORAGE_CREDENTIALS } from './registry';

export function credentialFits(kind: StorageCredentialKind, spec: ConnectionSpec, authSpec: AuthSpec): boolean {
	if (kind.type === CUSTOM_AUTH_KIND.type) return true;
	const required = authSpec.spec?.required ?? Object.keys(authSpec.spec?.properties ?? {});
	if (!required.every((property) => credentialFieldFor(kind, property) !== undefined)) return false;
	const made = kind.reference;
	return !made || made.destination === spec.name || sameAuthMethod(made.specName, authSpec.name);
}

/** The auth methods a choice refers to: the chosen one, or (none chosen) every one of the destination. */
function methodsMeant(spec: ConnectionSpec, authMethod: string): AuthSpec[] {
	const methods = spec.authSpec ?? [];
	if (!authMethod) return methods;
	return methods.filter((method) => method.name === authMethod || sameAuthMethod(method.name, authMethod));
}

/** The Storage Credential options that fit this destination and auth method, mapped ones first, custom JSON last. */
export function fittingCredentialOptions(
	spec: ConnectionSpec,
	authMethod: string,
): Array<{ name: string; value: string; description?: string }> {
	const methods = methodsMeant(spec, authMethod);
	if ((spec.authSpec ?? []).length === 0) {
		return [{ ...NO_CREDENTIAL_OPTION, description: `${spec.name} takes no credentials` }];
	}
	const mapped = STORAGE_CREDENTIALS.filter((kind) => methods.some((method) => credentialFits(kind, spec, method)));
	return [
		...mapped.map((kind) => ({ name: kind.optionName, value: kind.type })),
		{
			name: CUSTOM_AUTH_KIND.optionName,
			value: CUSTOM_AUTH_KIND.type,
			description: "A JSON object of the auth method's parameters, for a destination or auth method without its own credential type",
		},
	];
}

/** "Amazon S3 Access Key or Custom JSON (…)": what fits, in words, for a message. */
export function describeFittingCredentials(spec: ConnectionSpec, authMethod: string): string {
	const names = fittingCredentialOptions(spec, authMethod).map((option) => `"${option.name}"`);
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}
