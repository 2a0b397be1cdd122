import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	destinationLocator,
	exportTypeParameter,
	getConnectionSpec,
	getDestinationId,
	searchDestinations,
} from '../shared/catalogue';
import { CREDENTIAL_NAME, DOCS } from '../shared/constants';
import { descriptionOption, ifExistsParameter, nameParameter } from '../shared/descriptions/create';
import { executePerItem } from '../shared/execute';
import { createdOrReused, findOrCreate, getNameAndIfExists } from '../shared/findOrCreate';
import { getAuthMethods, getEncryptionAlgorithms, getEncryptionMethods } from '../shared/methods/connections';
import { aepRequestBody } from '../AdobeExperiencePlatform/transport';
import { buildAuth, buildEncryption, chooseAuthSpec, validateStorageCredential } from './auth';

/** Which credential supplies `auth.params`; each option shows its credential slot. */
const STORAGE_CREDENTIAL_OPTIONS = [
	{ name: 'Amazon S3 Access Key', value: 'aepAmazonS3AccessKeyApi' },
	{ name: 'Azure Blob Connection String', value: 'aepAzureBlobConnectionStringApi' },
	{ name: 'Azure Data Lake Gen2 Service Principal', value: 'aepAzureDataLakeGen2ServicePrincipalApi' },
	{
		name: 'Custom JSON (Any Destination or Auth Method)',
		value: 'aepDestinationCustomAuthApi',
	},
	{ name: 'Google Cloud Storage HMAC Key', value: 'aepGoogleCloudStorageHmacKeyApi' },
	{ name: 'None (Data Landing Zone)', value: 'none' },
	{ name: 'SFTP With Password', value: 'aepSftpPasswordApi' },
	{ name: 'SFTP With SSH Key', value: 'aepSftpSshKeyApi' },
];

export class AdobeCreateBaseConnection implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AEP Create Base Connection',
		name: 'adobeCreateBaseConnection',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["name"]}}',
		description:
			'Create an Adobe Experience Platform base connection: the credentials AEP uses to write to a destination',
		defaults: { name: 'AEP Create Base Connection' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: CREDENTIAL_NAME, required: true },
			{
				name: 'aepAmazonS3AccessKeyApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { storageCredential: ['aepAmazonS3AccessKeyApi'] } },
			},
			{
				name: 'aepAzureBlobConnectionStringApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { storageCredential: ['aepAzureBlobConnectionStringApi'] } },
			},
			{
				name: 'aepAzureDataLakeGen2ServicePrincipalApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { storageCredential: ['aepAzureDataLakeGen2ServicePrincipalApi'] } },
			},
			{
				name: 'aepGoogleCloudStorageHmacKeyApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { storageCredential: ['aepGoogleCloudStorageHmacKeyApi'] } },
			},
			{
				name: 'aepSftpPasswordApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { storageCredential: ['aepSftpPasswordApi'] } },
			},
			{
				name: 'aepSftpSshKeyApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { storageCredential: ['aepSftpSshKeyApi'] } },
			},
			{
				name: 'aepDestinationCustomAuthApi',
				required: true,
				testedBy: 'validateStorageCredential',
				displayOptions: { show: { storageCredential: ['aepDestinationCustomAuthApi'] } },
			},
		],
		properties: [
			{
				displayName: `Stores the credentials AEP uses to write to the destination. Secrets stay in the storage credential: the node maps its values onto the auth method's parameters and checks them against the destination's live connection spec before sending. Output: the base connection's ID for AEP Create Target Connection. <a href="${DOCS.exportDatasets}" target="_blank">Adobe's guide</a>`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			exportTypeParameter,
			destinationLocator(),
			nameParameter('base connection', 'e.g. Amazon S3 Base Connection'),
			{
				displayName: 'Auth Method Name or ID',
				name: 'authMethod',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAuthMethods', loadOptionsDependsOn: ['destination.value'] },
				default: '',
				description:
					'The auth method of the destination (its auth spec name). Left empty, the only one there is. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Storage Credential',
				name: 'storageCredential',
				type: 'options',
				default: 'aepAmazonS3AccessKeyApi',
				options: STORAGE_CREDENTIAL_OPTIONS,
				description:
					"The credential holding the auth method's values. Custom JSON serves any destination or auth method; Data Landing Zone needs none.",
			},
			{
				displayName: 'Encrypt Files',
				name: 'encrypt',
				type: 'boolean',
				default: false,
				description: "Whether AEP encrypts exported files with your PGP/GPG public key (from the destination's encryption specs)",
			},
			{
				displayName: 'Encryption Method Name or ID',
				name: 'encryptionMethod',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getEncryptionMethods', loadOptionsDependsOn: ['destination.value'] },
				default: '',
				displayOptions: { show: { encrypt: [true] } },
				description:
					'Left empty, the only one there is. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Encryption Algorithm Name or ID',
				name: 'encryptionAlgorithm',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getEncryptionAlgorithms',
					loadOptionsDependsOn: ['destination.value', 'encryptionMethod'],
				},
				default: '',
				displayOptions: { show: { encrypt: [true] } },
				description:
					'Left empty, the encryption spec\'s default. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Public Key',
				name: 'publicKey',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				displayOptions: { show: { encrypt: [true] } },
				description:
					'Your PGP/GPG public key: armored text (Base64-encoded for AEP here) or already Base64-encoded. A public key is not a secret.',
			},
			ifExistsParameter('base connection'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [descriptionOption('base connection')],
			},
		],
	};

	methods = {
		listSearch: { searchDestinations },
		loadOptions: { getAuthMethods, getEncryptionAlgorithms, getEncryptionMethods },
		credentialTest: { validateStorageCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executePerItem(this, async (itemIndex) => {
			const destinationId = getDestinationId(this, itemIndex);
			const { name, ifExists } = getNameAndIfExists(this, itemIndex, 'base connection');
			const authMethod = String(this.getNodeParameter('authMethod', itemIndex, '') ?? '').trim();
			const credentialType = this.getNodeParameter('storageCredential', itemIndex) as string;
			const encrypt = this.getNodeParameter('encrypt', itemIndex, false) as boolean;
			const options = this.getNodeParameter('options', itemIndex, {}) as { description?: string };

			const spec = await getConnectionSpec(this, destinationId, itemIndex);
			const authSpec = chooseAuthSpec(this, spec, authMethod, itemIndex);
			const auth = await buildAuth(this, spec, authSpec, credentialType, itemIndex);
			const encryption = encrypt
				? buildEncryption(
						this,
						spec,
						{
							method: String(this.getNodeParameter('encryptionMethod', itemIndex, '') ?? '').trim(),
							algorithm: String(this.getNodeParameter('encryptionAlgorithm', itemIndex, '') ?? '').trim(),
							publicKey: String(this.getNodeParameter('publicKey', itemIndex, '') ?? ''),
						},
						itemIndex,
					)
				: undefined;
			const connectionSpec = { id: spec.id, version: spec.version ?? '1.0' };

			const body: IDataObject = {
				name,
				...(options.description ? { description: options.description } : {}),
				...(auth ? { auth } : {}),
				...(encryption ? { encryptionSpecs: encryption } : {}),
				connectionSpec,
			};
			const result = await findOrCreate(this, {
				path: '/connections',
				resource: 'base connection',
				name,
				ifExists,
				itemIndex,
				create: async () =>
					await aepRequestBody(this, { method: 'POST', path: '/connections', body, itemIndex }),
				mismatch: (existing) => {
					const existingSpec = (existing.connectionSpec as IDataObject | undefined)?.id;
					return existingSpec === spec.id
						? undefined
						: `it connects to another destination (connection spec ${String(existingSpec)}), not ${spec.name} (${spec.id})`;
				},
			});
			const existingAuth = (result.record.auth ?? {}) as IDataObject;
			const existingEncryption = (result.record.encryptionSpecs ?? {}) as IDataObject;
			// Only names and IDs: never auth.params, which AEP may echo back with the secrets.
			return [
				{
					...createdOrReused(result, name),
					connectionSpec: result.created ? connectionSpec : (result.record.connectionSpec ?? connectionSpec),
					destination: spec.name,
					authSpecName: result.created ? (auth?.specName ?? null) : (existingAuth.specName ?? null),
					encryptionSpecName: result.created ? (encryption?.specName ?? null) : (existingEncryption.specName ?? null),
					...(result.created ? {} : { state: result.record.state ?? null }),
				},
			];
		});
	}
}
