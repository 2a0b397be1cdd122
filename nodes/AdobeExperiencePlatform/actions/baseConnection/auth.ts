/**
 * The `auth` part of a base connection, built from the live connection spec and checked against it
 * before anything is sent. Secrets come from the storage credential and are never repeated in a
 * message.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AuthSpec, ConnectionSpec } from '../../domain/catalogue';
import { validateSchema } from '../../domain/schema/validate';
import { mapCredentialToAuthParams, sameAuthMethod } from '../../domain/storageCredentials/authParams';
import { withCredentialField } from '../../domain/storageCredentials/credentialViolations';
import {
	CUSTOM_AUTH_CREDENTIAL,
	NO_CREDENTIAL,
	storageCredentialKind,
	storageCredentialLabel,
} from '../../domain/storageCredentials/registry';
import { schemaViolationError } from '../../helpers/errors';
import { invalidParameter } from '../../helpers/validation';
import { rememberCredentialValues } from '../../transport';

export const STORAGE_CREDENTIAL_PARAMETER = 'Storage Credential';

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
	// Masked wherever AEP echoes them back (an error, a log line), in every form they were sent.
	rememberCredentialValues(credential);
	rememberCredentialValues(params);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `Credential "${storageCredentialLabel(credentialType)}": ${problem}`, {
			itemIndex,
		});
	}
	const violations = validateSchema(schema, params);
	if (violations.length) {
		throw schemaViolationError(
			ctx.getNode(),
			withCredentialField(kind, violations),
			{
				subject: `credential "${storageCredentialLabel(credentialType)}"`,
				schemaName: `the "${authSpec.name}" auth method of ${spec.name}`,
				secret: true,
			},
			itemIndex,
		);
	}
	return { specName: authSpec.name, params };
}
