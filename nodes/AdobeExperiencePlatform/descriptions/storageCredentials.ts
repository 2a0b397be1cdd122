/** The Storage Credential option and the credential slots of Base Connection → Create, from the registry. */
import type { INodeCredentialDescription, INodePropertyOptions } from 'n8n-workflow';

import { ALL_STORAGE_CREDENTIALS, NO_CREDENTIAL_OPTION } from '../domain/storageCredentials/registry';

/** Which credential supplies `auth.params`; each option shows its credential slot. Sorted by name. */
export function storageCredentialOptions(): INodePropertyOptions[] {
	return [...ALL_STORAGE_CREDENTIALS.map((kind) => ({ name: kind.optionName, value: kind.type })), NO_CREDENTIAL_OPTION].sort(
		(a, b) => a.name.localeCompare(b.name),
	);
}

/** One slot per storage credential, shown when the Storage Credential option names it. */
export function storageCredentialSlots(): INodeCredentialDescription[] {
	return ALL_STORAGE_CREDENTIALS.map((kind) => ({
		name: kind.type,
		required: true,
		testedBy: 'validateStorageCredential',
		displayOptions: {
			show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: [kind.type] },
		},
	}));
}
