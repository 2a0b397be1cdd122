/** The Storage Credential option and the credential slots of Base Connection → Create, from the registry. */
import type { INodeCredentialDescription, INodePropertyOptions } from 'n8n-workflow';

import { ALL_STORAGE_CREDENTIALS, NO_CREDENTIAL_OPTION } from '../domain/storageCredentials/registry';

/** Which credential supplies `auth.params`; each option shows its credential slot. Sorted by name. */
export function storageCredentialOptions(): INodePropertyOptions[] {
	return [...ALL_STORAGE_CREDENTIALS.map((kind) => ({ name: kind.optionName, value: kind.type })), NO_CREDENTIAL_OPTION].sort(
		(a, b) => a.name.localeCompare(b.name),
	);
}

/** The rest of a storage credential's slot: required, and shown when the Storage Credential option names it. */
export function storageCredentialSlot(type: string): Omit<INodeCredentialDescription, 'name'> {
	return {
		required: true,
		displayOptions: { show: { resource: ['baseConnection'], operation: ['create', 'updateCredentials'], storageCredential: [type] } },
	};
}

/** One slot per storage credential of the registry, tested by the node's `validateStorageCredential`. */
export function storageCredentialSlots(): INodeCredentialDescription[] {
	return ALL_STORAGE_CREDENTIALS.map((kind) => ({
		name: kind.type,
		testedBy: 'validateStorageCredential',
		...storageCredentialSlot(kind.type),
	}));
}
