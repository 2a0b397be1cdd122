import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getConnectionSpec } from '../../api/catalogue';
import { createRecord } from '../../api/collections';
import { exportTypeParameter, operationNotice } from '../../descriptions/common';
import { descriptionOption, ifExistsParameter, nameParameter, refreshCatalogueOption } from '../../descriptions/create';
import { destinationLocator } from '../../descriptions/locators';
import { DOCS } from '../../domain/constants';
import { isSameConnection } from '../../domain/identity';
import { executePerItem } from '../../helpers/execute';
import { createdOrReused, findOrCreate, getNameAndIfExists } from '../../helpers/findOrCreate';
import { getDestinationId } from '../../helpers/parameters';
import { buildAuth, chooseAuthSpec } from './auth';
import { buildEncryption } from './encryption';

const properties: INodeProperties[] = [
	operationNotice(
		"Stores the credentials AEP uses to write to the destination. Secrets stay in the storage credential: the node maps its values onto the auth method's parameters and checks them against the destination's live connection spec before sending. Output: the base connection's ID for Target Connection → Create.",
		DOCS.exportDatasets,
	),
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
			'How AEP signs in to the destination. Empty (Automatic) uses the destination\'s only auth method; a destination with several (SFTP: password or SSH key) needs one picked. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Storage Credential Name or ID',
		name: 'storageCredential',
		type: 'options',
		default: 'aepAmazonS3AccessKeyApi',
		typeOptions: {
			loadOptionsMethod: 'getStorageCredentialTypes',
			loadOptionsDependsOn: ['destination.value', 'authMethod'],
		},
		description:
			'The kind of credential holding the auth method\'s values: only those that fit the destination and auth method are listed. Custom JSON serves any; Data Landing Zone needs none. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		options: [descriptionOption('base connection'), refreshCatalogueOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['baseConnection'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const destinationId = getDestinationId(this, itemIndex);
		const { name, ifExists } = getNameAndIfExists(this, itemIndex, 'base connection');
		const authMethod = String(this.getNodeParameter('authMethod', itemIndex, '') ?? '').trim();
		const credentialType = this.getNodeParameter('storageCredential', itemIndex) as string;
		const encrypt = this.getNodeParameter('encrypt', itemIndex, false) as boolean;
		const options = this.getNodeParameter('options', itemIndex, {}) as { description?: string; refreshCatalogue?: boolean };
		const read = { refresh: options.refreshCatalogue === true };

		const spec = await getConnectionSpec(this, destinationId, itemIndex, read);
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
			collection: 'baseConnections',
			resource: 'base connection',
			name,
			ifExists,
			itemIndex,
			create: async () => await createRecord(this, 'baseConnections', body, itemIndex),
			identity: (existing) => isSameConnection(existing, { connectionSpecId: spec.id }),
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
