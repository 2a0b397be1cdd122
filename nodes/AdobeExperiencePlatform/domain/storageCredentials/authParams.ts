/**
 * Storage credentials → `auth.params` of a base connection. Secrets live in n8n credentials
 * (encrypted, never in the workflow); the node maps a credential's values onto the property names
 * of the live authSpec the user picked, whatever that spec calls them (`s3AccessKey` or
 * `accessId`, `domain` and/or `host`, ...).
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../schema/conditional';
import type { JsonSchema } from '../schema/types';
import type { StorageCredentialKind } from './registry';

/**
 * Auth method names that mean the same method in different sources ("Export datasets by using the Flow Service API"
 * and the API reference's examples name SFTP's differently). What is sent is always the live spec's own name.
 */
const AUTH_METHOD_ALIASES: string[][] = [
	['sftp with password', 'basic authentication for sftp'],
	['sftp with ssh key', 'ssh publickey authentication for sftp'],
];

export function sameAuthMethod(a: string, b: string): boolean {
	const x = a.trim().toLowerCase();
	const y = b.trim().toLowerCase();
	return x === y || AUTH_METHOD_ALIASES.some((names) => names.includes(x) && names.includes(y));
}

const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;

/** A pasted key (PEM, OpenSSH, armored PGP) as AEP takes it: Base64 of its text, Unix line ends, one final newline. */
export function keyTextToBase64(text: string): string {
	return Buffer.from(`${text.replace(/\r\n/g, '\n').trim()}\n`, 'utf8').toString('base64');
}

/** AEP wants some secrets Base64-encoded (SSH keys); a pasted PEM/OpenSSH key is encoded here. */
function encodeIfNeeded(value: unknown, schema: JsonSchema): unknown {
	if (typeof value !== 'string' || schema.contentEncoding?.toLowerCase() !== 'base64') return value;
	const compact = value.trim();
	if (BASE64_TEXT.test(compact) && compact.length % 4 === 0) return compact;
	return keyTextToBase64(value);
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export interface MappedAuth {
	params: IDataObject;
	/** authSpec properties no credential value was found for. */
	unmapped: string[];
	/** Why the credential could not be read at all (custom JSON). */
	problem?: string;
}

/**
 * The credential's values under the authSpec's own property names: each property of the spec
 * takes the credential value whose aliases name it; properties the spec does not declare are
 * not sent. A custom credential's JSON is taken as it is.
 */
export function mapCredentialToAuthParams(
	kind: StorageCredentialKind | undefined,
	credential: ICredentialDataDecryptedObject,
	authSpec: JsonSchema,
): MappedAuth {
	const properties = authSpec.properties ?? {};
	if (!kind) {
		const custom = readCustomAuthJson(credential.secretParametersJson);
		if ('problem' in custom) return { params: {}, unmapped: [], problem: custom.problem };
		const params: IDataObject = {};
		for (const [name, value] of Object.entries(custom.params)) {
			params[name] = properties[name] ? (encodeIfNeeded(value, properties[name]) as IDataObject[string]) : value;
		}
		return { params, unmapped: Object.keys(properties).filter((name) => params[name] === undefined) };
	}
	const params: IDataObject = {};
	const unmapped: string[] = [];
	for (const [name, schema] of Object.entries(properties)) {
		const mapping = kind.fields.find((field) => field.aliases.includes(name.toLowerCase()));
		const value = mapping ? credential[mapping.field] : undefined;
		if (isEmpty(value)) {
			unmapped.push(name);
			continue;
		}
		// Taken as typed: a password may well start or end with a space.
		params[name] = encodeIfNeeded(value, schema) as IDataObject[string];
	}
	return { params, unmapped };
}

/** The custom credential's JSON object, or what is wrong with it (never quoting it: it holds secrets). */
export function readCustomAuthJson(json: unknown): { params: IDataObject } | { problem: string } {
	let parsed: unknown = json;
	if (typeof json === 'string') {
		try {
			parsed = json.trim() ? JSON.parse(json) : {};
		} catch {
			// JSON.parse quotes the text it failed on, and that text holds secrets.
			return { problem: 'the JSON of the custom credential cannot be read (check quotes and commas)' };
		}
	}
	if (!isPlainObject(parsed)) {
		return { problem: 'the JSON of the custom credential must be an object of authentication parameters' };
	}
	return { params: parsed };
}
