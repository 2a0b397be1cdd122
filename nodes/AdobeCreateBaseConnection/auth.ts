/**
 * The `auth` and `encryptionSpecs` parts of a base connection, built from the live connection
 * spec and checked against it before anything is sent. Secrets come from the storage credential
 * and are never repeated in a message.
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AuthSpec, ConnectionSpec } from '../shared/catalogue';
import { algorithmProperty, publicKeyProperty } from '../shared/methods/connections';
import type { SchemaViolation, StorageCredentialKind } from '../shared/schema';
import {
	CUSTOM_AUTH_CREDENTIAL,
	NO_CREDENTIAL,
	credentialFieldFor,
	describeViolation,
	keyTextToBase64,
	mapCredentialToAuthParams,
	readCustomAuthJson,
	sameAuthMethod,
	schemaViolationError,
	storageCredentialKind,
	validateSchema,
} from '../shared/schema';
import { invalidParameter } from '../shared/validation';

export const STORAGE_CREDENTIAL_PARAMETER = 'Storage Credential';

function credentialLabel(type: string): string {
	if (type === CUSTOM_AUTH_CREDENTIAL) return 'Custom Destination Auth for Adobe Experience Platform (AEP) API';
	return storageCredentialKind(type)?.credentialDisplayName ?? type;
}

/** Tells which credential field a missing or invalid authSpec property comes from. */
function withCredentialField(
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

/** The auth method the user picked, or the only one there is. */
export function chooseAuthSpec(
	ctx: IExecuteFunctions,
	spec: ConnectionSpec,
	authMethod: string,
	itemIndex: number,
): AuthSpec | undefined {
	const methods = spec.authSpec ?? [];
	if (methods.length === 0) {
		if (authMethod) {
			throw invalidParameter(
				ctx,
				'Auth Method',
				authMethod,
				`Allowed: none. ${spec.name} takes no credentials, so its connection spec lists no auth methods.`,
				itemIndex,
			);
		}
		return undefined;
	}
	const chosen = authMethod
		? (methods.find((method) => method.name === authMethod) ??
			methods.find((method) => sameAuthMethod(method.name, authMethod)))
		: methods.length === 1
			? methods[0]
			: undefined;
	if (!chosen) {
		throw invalidParameter(
			ctx,
			'Auth Method',
			authMethod,
			`Allowed: ${methods.map((method) => `"${method.name}"`).join(', ')} (the auth methods in ${spec.name}'s connection spec).`,
			itemIndex,
		);
	}
	return chosen;
}

/** `auth: {specName, params}` from the chosen storage credential, checked against the authSpec. */
export async function buildAuth(
	ctx: IExecuteFunctions,
	spec: ConnectionSpec,
	authSpec: AuthSpec | undefined,
	credentialType: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	if (!authSpec) {
		if (credentialType !== NO_CREDENTIAL) {
			throw invalidParameter(
				ctx,
				STORAGE_CREDENTIAL_PARAMETER,
				credentialType,
				`Allowed: "none". ${spec.name} takes no credentials.`,
				itemIndex,
			);
		}
		return undefined;
	}
	if (credentialType === NO_CREDENTIAL) {
		throw invalidParameter(
			ctx,
			STORAGE_CREDENTIAL_PARAMETER,
			credentialType,
			`Allowed: a credential holding the values of ${spec.name}'s "${authSpec.name}" auth method (${Object.keys(authSpec.spec?.properties ?? {}).join(', ')}).`,
			itemIndex,
		);
	}
	const kind = storageCredentialKind(credentialType);
	if (!kind && credentialType !== CUSTOM_AUTH_CREDENTIAL) {
		throw invalidParameter(
			ctx,
			STORAGE_CREDENTIAL_PARAMETER,
			credentialType,
			'Allowed: one of the storage credential types listed in the node.',
			itemIndex,
		);
	}
	const credential = await ctx.getCredentials(credentialType, itemIndex);
	const schema = authSpec.spec ?? {};
	const { params, problem } = mapCredentialToAuthParams(kind, credential, schema);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `Credential "${credentialLabel(credentialType)}": ${problem}`, {
			itemIndex,
		});
	}
	const violations = validateSchema(schema, params);
	if (violations.length) {
		throw schemaViolationError(
			ctx.getNode(),
			withCredentialField(kind, violations),
			{
				subject: `credential "${credentialLabel(credentialType)}"`,
				schemaName: `the "${authSpec.name}" auth method of ${spec.name}`,
				secret: true,
			},
			itemIndex,
		);
	}
	return { specName: authSpec.name, params };
}

const ARMORED = /-----BEGIN [A-Z ]+-----/;

/** AEP takes the public key Base64-encoded: an armored key is encoded, a Base64 one loses its line breaks. */
export function normalizePublicKey(publicKey: string): string {
	const trimmed = publicKey.trim();
	if (ARMORED.test(trimmed)) return keyTextToBase64(trimmed);
	return trimmed.replace(/\s+/g, '');
}

export interface EncryptionChoice {
	method: string;
	algorithm: string;
	publicKey: string;
}

/** `encryptionSpecs: {specName, params}` (seed 004's shape), checked against the chosen encryption spec. */
export function buildEncryption(
	ctx: IExecuteFunctions,
	spec: ConnectionSpec,
	choice: EncryptionChoice,
	itemIndex: number,
): IDataObject {
	const specs = spec.encryptionSpecs ?? [];
	if (specs.length === 0) {
		throw invalidParameter(
			ctx,
			'Encrypt Files',
			true,
			`Allowed: off. ${spec.name}'s connection spec offers no file encryption.`,
			itemIndex,
		);
	}
	const chosen = choice.method
		? specs.find((encryption) => encryption.name === choice.method)
		: specs.length === 1
			? specs[0]
			: undefined;
	if (!chosen) {
		throw invalidParameter(
			ctx,
			'Encryption Method',
			choice.method,
			`Allowed: ${specs.map((encryption) => `"${encryption.name}"`).join(', ')} (the encryption specs of ${spec.name}).`,
			itemIndex,
		);
	}
	const schema = chosen.spec ?? {};
	const algorithmName = algorithmProperty(schema);
	const keyName = publicKeyProperty(schema);
	const params: IDataObject = {};
	if (algorithmName) {
		const algorithm = choice.algorithm || schema.properties?.[algorithmName]?.default;
		if (algorithm !== undefined && algorithm !== '') params[algorithmName] = algorithm;
	}
	if (keyName && choice.publicKey.trim()) params[keyName] = normalizePublicKey(choice.publicKey);
	const violations = validateSchema(schema, params);
	if (violations.length) {
		throw schemaViolationError(
			ctx.getNode(),
			violations,
			{ subject: 'the encryption settings', schemaName: `the "${chosen.name}" encryption spec of ${spec.name}` },
			itemIndex,
		);
	}
	return { specName: chosen.name, params };
}

/**
 * Credential test (`testedBy`): n8n cannot reach a bucket or SFTP server on AEP's behalf, and a
 * storage credential carries no Adobe credential to fetch the live authSpec with. So the values are
 * checked here, without sending them anywhere, against the authSpec Adobe documents for that kind;
 * the node checks them again against the live authSpec before it creates a base connection.
 */
export async function validateStorageCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	if (credential.type === CUSTOM_AUTH_CREDENTIAL) {
		const custom = readCustomAuthJson(data.secretParametersJson);
		if ('problem' in custom) return { status: 'Error', message: custom.problem };
		const count = Object.keys(custom.params).length;
		if (count === 0) return { status: 'Error', message: 'The JSON holds no authentication parameters' };
		return {
			status: 'OK',
			message: `A JSON object with ${count} parameter${count === 1 ? '' : 's'}: the node checks it against the destination's live authSpec before sending it`,
		};
	}
	const kind = storageCredentialKind(credential.type);
	if (!kind?.reference) return { status: 'Error', message: `Unknown storage credential type "${credential.type}"` };
	const { destination, specName, spec } = kind.reference;
	const { params } = mapCredentialToAuthParams(kind, data, spec);
	const violations = withCredentialField(kind, validateSchema(spec, params));
	if (violations.length) {
		return {
			status: 'Error',
			message: describeViolation(violations[0], {
				subject: 'this credential',
				schemaName: `Adobe's "${specName}" auth method of ${destination}`,
				secret: true,
			}),
		};
	}
	return {
		status: 'OK',
		message: `The values have the form ${destination}'s "${specName}" auth method expects. Only AEP can try them against the storage: it does so when the base connection is created.`,
	};
}
