/** Shared by the create tests of this folder: fixtures, request expectations and workflow builders. */
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import type { ConnectionSpec } from '../../../nodes/AdobeExperiencePlatform/domain/catalogue';
import { expectPost, TOKEN } from '../../harness/aep';
import { aepCredentialData, TestCredentialsHelper } from '../../harness/credentials';
import type { WorkflowRun } from '../../harness/engine';
import { chain } from '../../harness/engine';
import { aepOperation } from '../../harness/nodes';
import type { DestinationSlug } from '../../harness/fixtures';
import { destinationPicked, fixture } from '../../harness/fixtures';

export const NODE = aepOperation('baseConnection', 'create');

export const CREATED = fixture('seed-examples/000-base-connection.response.json');

export const S3 = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export const BLOB = {
	secretConnectionString:
		'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=blob-S3CR3T-account-key==;EndpointSuffix=core.windows.net',
};

export const ADLS = {
	url: 'https://acme.dfs.core.windows.net',
	tenant: 'acme.onmicrosoft.com',
	servicePrincipalId: '6a1f0b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b',
	servicePrincipalSecret: 'adls-S3CR3T-principal-key',
};

export const GCS = { accessKeyId: 'GOOG1EEXAMPLEHMACACCESSID', secretAccessKey: 'gcs-S3CR3T-hmac-secret/abc+def' };

export const SFTP_PASSWORD = { host: 'sftp.example.com', port: 22, username: 'aep-export', password: 'sftp-S3CR3T-password' };

export const SSH_KEY_TEXT =
	'-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-S3CR3T-ssh-key\n-----END OPENSSH PRIVATE KEY-----';

export const SSH_KEY_BASE64 = Buffer.from(`${SSH_KEY_TEXT}\n`).toString('base64');

export const SFTP_SSH = { host: 'sftp.example.com', port: 22, username: 'aep-export', privateKey: SSH_KEY_TEXT };

export const PGP_PUBLIC_KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGTestPublicKeyOnly\n-----END PGP PUBLIC KEY BLOCK-----';

/** Every secret of these tests: none may appear in an output item, an error or a saved parameter. */
export const SECRETS = [
	S3.secretAccessKey,
	S3.accessKeyId,
	'blob-S3CR3T-account-key',
	ADLS.servicePrincipalSecret,
	GCS.secretAccessKey,
	SFTP_PASSWORD.password,
	'S3CR3T-ssh-key',
	SSH_KEY_BASE64,
	'p8e-TEST-SECRET-never-leak',
	TOKEN,
];

export type Storage = { type: string; data: ICredentialDataDecryptedObject };

export function credentialsWith(storage?: Storage, aep: ICredentialDataDecryptedObject = {}) {
	return new TestCredentialsHelper({
		'aep-1': { type: 'aepPlatformApi', data: aepCredentialData(aep) },
		...(storage ? { 'storage-1': storage } : {}),
	});
}

export function workflow(parameters: IDataObject, storageType?: string, options: { continueOnFail?: boolean } = {}) {
	const built = chain([{ name: 'Base', type: NODE, parameters }], 'aep-1', options);
	if (storageType) {
		built.nodes[1].credentials = { ...built.nodes[1].credentials, [storageType]: { id: 'storage-1', name: 'Storage' } };
	}
	return built;
}

export function parameters(spec: ConnectionSpec, extra: IDataObject): IDataObject {
	return { exportType: 'datasets', destination: destinationPicked(spec), ifExists: 'create', ...extra };
}

/** Captures the POST /connections body and answers as seed 000 does. */
export function expectCreate(answer: IDataObject = CREATED, times = 1) {
	return { sent: expectPost<IDataObject>('/connections', answer, { times }) };
}

/** Everything a run leaves behind that a user or a log could see: output, errors (message, description, stack). */
export function visibleText(result: WorkflowRun, nodes: INode[]): string {
	const errors = Object.values(result.run.data.resultData.runData)
		.flat()
		.map((run) => run.error)
		.filter(Boolean)
		.map((error) => [error!.message, (error as { description?: string }).description, error!.stack].join('\n'));
	return [JSON.stringify(result.run.data.resultData), ...errors, JSON.stringify(nodes.map((node) => node.parameters))].join(
		'\n',
	);
}

export function expectNoSecrets(result: WorkflowRun, nodes: INode[]) {
	const text = visibleText(result, nodes);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

export interface SeedCase {
	slug: DestinationSlug;
	seed: string;
	storage: Storage;
	authMethod: string;
	placeholders: Record<string, unknown>;
}

export const SEED_CASES: SeedCase[] = [
	{
		slug: 'amazon-s3',
		seed: '000-base-connection-amazon-s3',
		storage: { type: 'aepAmazonS3AccessKeyApi', data: S3 },
		authMethod: 'Access Key',
		placeholders: { '<Add secret key>': S3.secretAccessKey, '<Add access key>': S3.accessKeyId },
	},
	{
		slug: 'azure-blob',
		seed: '000-base-connection-azure-blob',
		storage: { type: 'aepAzureBlobConnectionStringApi', data: BLOB },
		authMethod: 'ConnectionString',
		placeholders: { '<Add Azure Blob connection string>': BLOB.secretConnectionString },
	},
	{
		slug: 'adls-gen2',
		seed: '000-base-connection-adls-gen2',
		storage: { type: 'aepAzureDataLakeGen2ServicePrincipalApi', data: ADLS },
		authMethod: 'Azure Service Principal Auth',
		placeholders: {
			'<Add servicePrincipalKey>': ADLS.servicePrincipalSecret,
			'<Add url>': ADLS.url,
			'<Add tenant>': ADLS.tenant,
			'<Add servicePrincipalId>': ADLS.servicePrincipalId,
		},
	},
	{
		slug: 'google-cloud-storage',
		seed: '000-base-connection-google-cloud-storage',
		storage: { type: 'aepGoogleCloudStorageHmacKeyApi', data: GCS },
		authMethod: 'Google Cloud Storage authentication credentials',
		placeholders: { '<Add accessKeyId>': GCS.accessKeyId, '<Add secret Access Key>': GCS.secretAccessKey },
	},
	{
		slug: 'sftp',
		seed: '000-base-connection-sftp-password',
		storage: { type: 'aepSftpPasswordApi', data: SFTP_PASSWORD },
		authMethod: 'SFTP with Password',
		placeholders: {
			'<Add domain>': SFTP_PASSWORD.host,
			'<Add username>': SFTP_PASSWORD.username,
			'<Add password>': SFTP_PASSWORD.password,
		},
	},
	{
		slug: 'sftp',
		seed: '000-base-connection-sftp-ssh-key',
		storage: { type: 'aepSftpSshKeyApi', data: SFTP_SSH },
		authMethod: 'SFTP with SSH Key',
		placeholders: {
			'<Add domain>': SFTP_SSH.host,
			'<Add username>': SFTP_SSH.username,
			// AEP takes the key Base64-encoded; the credential holds it as pasted.
			'<Add SSH key>': SSH_KEY_BASE64,
		},
	},
];
