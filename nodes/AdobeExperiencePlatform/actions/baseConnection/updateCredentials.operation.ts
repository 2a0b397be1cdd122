import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getConnectionSpec } from '../../api/catalogue';
import { patchRecord } from '../../api/patchRecord';
import { getRecord } from '../../api/records';
import { operationNotice } from '../../descriptions/common';
import { existingConnectionLocator } from '../../descriptions/connectionLocators';
import { storageCredentialOptions } from '../../descriptions/storageCredentials';
import { connectionOutput, getConnectionRecordId } from '../../helpers/connectionRecords';
import { executePerItem } from '../../helpers/execute';
import { invalidParameter, requireUuid } from '../../helpers/validation';
import { buildAuth, chooseAuthSpec } from './auth';

const EDIT_DOCS = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/api/edit-destination';

const properties: INodeProperties[] = [
	operationNotice(
		"Rotates the keys of a base connection: the new values come from the storage credential, are checked against the destination's live auth spec, and are sent as a PATCH of <code>/auth/params</code> with the connection's etag. Dataflows keep using the connection.",
		EDIT_DOCS,
	),
	existingConnectionLocator('base'),
	{
		displayName: 'Auth Method',
		name: 'authMethod',
		type: 'string',
		default: '',
		placeholder: 'e.g. Access Key',
		description: "The auth method (auth spec name). Left empty, the connection's current one.",
	},
	{
		displayName: 'Storage Credential',
		name: 'storageCredential',
		type: 'options',
		default: 'aepAmazonS3AccessKeyApi',
		options: storageCredentialOptions(),
		description: 'The credential holding the new values',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['baseConnection'], operation: ['updateCredentials'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const id = getConnectionRecordId(this, 'base', itemIndex);
		const authMethod = String(this.getNodeParameter('authMethod', itemIndex, '') ?? '').trim();
		const credentialType = this.getNodeParameter('storageCredential', itemIndex) as string;
		const patch = await patchRecord(
			this,
			'baseConnections',
			id,
			async (record) => {
				const specId = requireUuid(this, 'Base Connection', (record.connectionSpec as IDataObject | undefined)?.id, 'Allowed: a base connection whose connection spec AEP names.', itemIndex);
				const spec = await getConnectionSpec(this, specId, itemIndex);
				const current = String((record.auth as IDataObject | undefined)?.specName ?? '');
				const authSpec = chooseAuthSpec(this, spec, authMethod || current, itemIndex);
				const auth = await buildAuth(this, spec, authSpec, credentialType, itemIndex);
				if (!auth) throw invalidParameter(this, 'Storage Credential', credentialType, `Allowed: none to update. ${spec.name} takes no credentials.`, itemIndex);
				// Another auth method replaces the whole `auth`; the same one only its params (Adobe's tutorial).
				return auth.specName === current
					? [{ op: 'replace', path: '/auth/params', value: auth.params }]
					: [{ op: 'replace', path: '/auth', value: auth }];
			},
			itemIndex,
		);
		const after = await getRecord(this, 'baseConnections', id, itemIndex);
		// The operations carry the secrets: only their paths are output.
		return [{ ...connectionOutput(after), updated: patch.operations.map((operation) => operation.path), attempts: patch.attempts }];
	});
}
