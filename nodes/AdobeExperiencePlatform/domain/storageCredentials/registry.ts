/**
 * The one list of storage credentials: the node's credential slots, the Storage Credential
 * options, the credential-field → authSpec-property aliases and the local credential test are
 * all derived from it, and a test checks it against package.json and the credential classes.
 */
import type { JsonSchema } from '../schema/types';

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
	/** The credential class (and file) name in credentials/. */
	className: string;
	/** What the user picks in the node's Storage Credential options. */
	optionName: string;
	/** n8n's display name of the credential type, for messages. */
	credentialDisplayName: string;
	fields: CredentialFieldMapping[];
	/** The authSpec Adobe documents for this kind ("Export datasets by using the Flow Service API"): used only by the local credential check. */
	reference?: { destination: string; specName: string; spec: JsonSchema };
}

export const NO_CREDENTIAL = 'none';
export const CUSTOM_AUTH_CREDENTIAL = 'aepDestinationCustomAuthApi';

/** Any destination or auth method: a JSON object taken as `auth.params`, checked against the live authSpec. */
export const CUSTOM_AUTH_KIND: StorageCredentialKind = {
	type: CUSTOM_AUTH_CREDENTIAL,
	className: 'AepDestinationCustomAuthApi',
	optionName: 'Custom JSON (Any Destination or Auth Method)',
	credentialDisplayName: 'Custom Destination Auth for Adobe Experience Platform (AEP) API',
	fields: [],
};

/** The option for destinations that take no credentials. */
export const NO_CREDENTIAL_OPTION = { name: 'None (Data Landing Zone)', value: NO_CREDENTIAL };

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

/** The storage credentials whose fields the node maps onto an auth method's parameters. */
export const STORAGE_CREDENTIALS: StorageCredentialKind[] = [
	{
		type: 'aepAmazonS3AccessKeyApi',
		className: 'AepAmazonS3AccessKeyApi',
		optionName: 'Amazon S3 Access Key',
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
		className: 'AepAzureBlobConnectionStringApi',
		optionName: 'Azure Blob Connection String',
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
		className: 'AepAzureDataLakeGen2ServicePrincipalApi',
		optionName: 'Azure Data Lake Gen2 Service Principal',
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
		className: 'AepGoogleCloudStorageHmacKeyApi',
		optionName: 'Google Cloud Storage HMAC Key',
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
		className: 'AepSftpPasswordApi',
		optionName: 'SFTP With Password',
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
		className: 'AepSftpSshKeyApi',
		optionName: 'SFTP With SSH Key',
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


/** Every credential type the Storage Credential option can name: the mapped kinds and the custom one. */
export const ALL_STORAGE_CREDENTIALS: StorageCredentialKind[] = [...STORAGE_CREDENTIALS, CUSTOM_AUTH_KIND];

/** A mapped kind by credential type; undefined for the custom credential and unknown types. */
export function storageCredentialKind(type: string): StorageCredentialKind | undefined {
	return STORAGE_CREDENTIALS.find((kind) => kind.type === type);
}

/** n8n's display name of a storage credential type, for messages. */
export function storageCredentialLabel(type: string): string {
	return ALL_STORAGE_CREDENTIALS.find((kind) => kind.type === type)?.credentialDisplayName ?? type;
}

/** The credential label a message may name for an authSpec property. */
export function credentialFieldFor(kind: StorageCredentialKind | undefined, property: string): string | undefined {
	return kind?.fields.find((field) => field.aliases.includes(property.toLowerCase()))?.label;
}
