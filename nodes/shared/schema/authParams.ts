/**
 * Storage credentials → `auth.params` of a base connection. Secrets live in n8n credentials
 * (encrypted, never in the workflow); the node maps a credential's values onto the property names
 * of the live authSpec the user picked, whatever that spec calls them (`s3AccessKey` or
 * `accessId`, `domain` and/or `host`, ...).
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { isPlainObject } from './conditional';
import type { JsonSchema } from './types';

export interface CredentialFieldMapping {
	/** Property of the n8n credential. */
	field: string;
	/** How the credential form labels it. */
	label: string;
	/** authSpec property names (lower case) this value fills. */
	aliases: string[];
}

export interface StorageCredentialKind {
	/** n8n credential type name. */
	type: string;
	/** What the user picks in the node, e.g. "Amazon S3 Access Key". */
	displayName: string;
	/** n8n's display name of the credential type, for messages. */
	credentialDisplayName: string;
	fields: CredentialFieldMapping[];
	/** The authSpec Adobe documents for this kind (seed 000): used only by the local credential check. */
	reference?: { destination: string; specName: string; spec: JsonSchema };
}

export const CUSTOM_AUTH_CREDENTIAL = 'aepDestinationCustomAuthApi';
export const NO_CREDENTIAL = 'none';

const ACCESS_KEY_ID = ['s3accesskey', 'accessid', 'accesskeyid', 'accesskey', 'awsaccesskeyid', 'hmacaccessid'];
const SECRET_ACCESS_KEY = ['s3secretkey', 'secretkey', 'secretaccesskey', 'awssecretaccesskey', 'hmacsecret', 'secret'];
const SFTP_HOST = ['domain', 'host', 'hostname'];

const sftpReference = (specName: string, secret: string, secretSchema: JsonSchema) => ({
	destination: 'SFTP',
	specName,
	spec: {
		type: 'object',
		properties: {
			domain: { description: 'Domain of server', type: 'string' },
			username: { description: 'Username', type: 'string' },
			[secret]: secretSchema,
		},
		required: [secret, 'domain', 'username'],
	} as JsonSchema,
});

export const STORAGE_CREDENTIALS: StorageCredentialKind[] = [
	{
		type: 'aepAmazonS3AccessKeyApi',
		displayName: 'Amazon S3 Access Key',
		credentialDisplayName: 'Amazon S3 Access Key for Adobe Experience Platform (AEP) API',
		fields: [
			{ field: 'accessKeyId', label: 'Access Key ID', aliases: ACCESS_KEY_ID },
			{ field: 'secretAccessKey', label: 'Secret Access Key', aliases: SECRET_ACCESS_KEY },
		],
		reference: {
			destination: 'Amazon S3',
			specName: 'Access Key',
			spec: {
				type: 'object',
				properties: {
					s3AccessKey: { description: 'Access key id', type: 'string', pattern: '^[A-Z2-7]{20}$' },
					s3SecretKey: {
						description: 'Secret access key for the user account',
						type: 'string',
						format: 'password',
						pattern: '^[A-Za-z0-9/+]{40}$',
					},
				},
				required: ['s3SecretKey', 's3AccessKey'],
			},
		},
	},
	{
		type: 'aepAzureBlobConnectionStringApi',
		displayName: 'Azure Blob Connection String',
		credentialDisplayName: 'Azure Blob Connection String for Adobe Experience Platform (AEP) API',
		fields: [{ field: 'secretConnectionString', label: 'Connection String', aliases: ['connectionstring'] }],
		reference: {
			destination: 'Azure Blob Storage',
			specName: 'ConnectionString',
			spec: {
				type: 'object',
				properties: {
					connectionString: { description: 'connection string for login', type: 'string', format: 'password' },
				},
				required: ['connectionString'],
			},
		},
	},
	{
		type: 'aepAzureDataLakeGen2ServicePrincipalApi',
		displayName: 'Azure Data Lake Gen2 Service Principal',
		credentialDisplayName: 'ADLS Gen2 Service Principal for Adobe Experience Platform (AEP) API',
		fields: [
			{ field: 'url', label: 'Endpoint URL', aliases: ['url', 'endpoint'] },
			{ field: 'servicePrincipalId', label: 'Service Principal ID', aliases: ['serviceprincipalid', 'clientid'] },
			{
				field: 'servicePrincipalSecret',
				label: 'Service Principal Key',
				aliases: ['serviceprincipalkey', 'serviceprincipalsecret', 'clientsecret'],
			},
			{ field: 'tenant', label: 'Tenant', aliases: ['tenant', 'tenantid'] },
		],
		reference: {
			destination: 'Azure Data Lake Gen2',
			specName: 'Azure Service Principal Auth',
			spec: {
				type: 'object',
				properties: {
					url: { description: 'Endpoint for Azure Data Lake Storage Gen2.', type: 'string' },
					servicePrincipalId: { description: 'Service Principal Id to connect to ADLSGen2.', type: 'string' },
					servicePrincipalKey: {
						description: 'Service Principal Key to connect to ADLSGen2.',
						type: 'string',
						format: 'password',
					},
					tenant: { description: 'Tenant information(domain name or tenant ID).', type: 'string' },
				},
				required: ['servicePrincipalKey', 'url', 'tenant', 'servicePrincipalId'],
			},
		},
	},
	{
		type: 'aepGoogleCloudStorageHmacKeyApi',
		displayName: 'Google Cloud Storage HMAC Key',
		credentialDisplayName: 'Google Cloud Storage HMAC Key for Adobe Experience Platform (AEP) API',
		fields: [
			{ field: 'accessKeyId', label: 'Access Key ID', aliases: ACCESS_KEY_ID },
			{ field: 'secretAccessKey', label: 'Secret', aliases: SECRET_ACCESS_KEY },
		],
		reference: {
			destination: 'Google Cloud Storage',
			specName: 'Google Cloud Storage authentication credentials',
			spec: {
				type: 'object',
				properties: {
					accessKeyId: { description: 'Access Key Id for the user account', type: 'string' },
					secretAccessKey: {
						description: 'Secret Access Key for the user account',
						type: 'string',
						format: 'password',
					},
				},
				required: ['accessKeyId', 'secretAccessKey'],
			},
		},
	},
	{
		type: 'aepSftpPasswordApi',
		displayName: 'SFTP with Password',
		credentialDisplayName: 'SFTP Password for Adobe Experience Platform (AEP) API',
		fields: [
			{ field: 'host', label: 'Host', aliases: SFTP_HOST },
			{ field: 'port', label: 'Port', aliases: ['port'] },
			{ field: 'username', label: 'Username', aliases: ['username', 'user'] },
			{ field: 'password', label: 'Password', aliases: ['password'] },
		],
		reference: sftpReference('SFTP with Password', 'password', {
			description: 'Password',
			type: 'string',
			format: 'password',
		}),
	},
	{
		type: 'aepSftpSshKeyApi',
		displayName: 'SFTP with SSH Key',
		credentialDisplayName: 'SFTP SSH Key for Adobe Experience Platform (AEP) API',
		fields: [
			{ field: 'host', label: 'Host', aliases: SFTP_HOST },
			{ field: 'port', label: 'Port', aliases: ['port'] },
			{ field: 'username', label: 'Username', aliases: ['username', 'user'] },
			{ field: 'privateKey', label: 'Private Key', aliases: ['sshkey', 'privatekey'] },
		],
		reference: sftpReference('SFTP with SSH Key', 'sshKey', {
			description: 'Base64 string of the private SSH key',
			type: 'string',
			format: 'password',
			contentEncoding: 'base64',
		}),
	},
];

/**
 * Auth method names that mean the same method in different sources (seed 000 and the OpenAPI
 * examples name SFTP's differently). What is sent is always the live spec's own name.
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

export function storageCredentialKind(type: string): StorageCredentialKind | undefined {
	return STORAGE_CREDENTIALS.find((kind) => kind.type === type);
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

/** The credential label a message may name for an authSpec property. */
export function credentialFieldFor(kind: StorageCredentialKind | undefined, property: string): string | undefined {
	return kind?.fields.find((field) => field.aliases.includes(property.toLowerCase()))?.label;
}
