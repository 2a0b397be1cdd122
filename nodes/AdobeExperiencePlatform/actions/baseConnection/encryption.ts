/** The `encryptionSpecs` part of a base connection, checked against the destination's encryption spec. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ConnectionSpec } from '../../domain/catalogue';
import { algorithmProperty, normalizePublicKey, publicKeyProperty } from '../../domain/encryption';
import { validateSchema } from '../../domain/schema/validate';
import { schemaViolationError } from '../../helpers/errors';
import { invalidParameter } from '../../helpers/validation';

export interface EncryptionChoice {
	method: string;
	algorithm: string;
	publicKey: string;
}

/** `encryptionSpecs: {specName, params}` (the shape of "Activate audiences to file-based destinations by using the Flow Service API"), checked against the chosen encryption spec. */
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
