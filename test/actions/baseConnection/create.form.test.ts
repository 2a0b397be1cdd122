/** Base Connection → Create: the form (credential slots, the order of the fields, what Storage Credential depends on). */
import { AdobeExperiencePlatform } from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';

describe('the form', () => {
	test('the Adobe credential comes first, then the storage credential the Storage Credential choice shows', () => {
		const [first, ...storage] = new AdobeExperiencePlatform().description.credentials ?? [];
		expect(first).toEqual({ name: 'aepPlatformApi', required: true });
		for (const slot of storage) {
			expect(slot.displayOptions?.show?.storageCredential).toEqual([slot.name]);
		}
	});

	test('Storage Credential and Auth Method follow the destination (and the auth method), so only what fits is offered', () => {
		const properties = new AdobeExperiencePlatform().description.properties;
		const storage = properties.find((property) => property.name === 'storageCredential')!;
		const names = properties
			.filter(
				(property) =>
					property.displayOptions?.show?.operation?.includes('create') &&
					property.displayOptions?.show?.resource?.includes('baseConnection'),
			)
			.map((property) => property.name);
		expect(storage.typeOptions).toEqual({
			loadOptionsMethod: 'getStorageCredentialTypes',
			loadOptionsDependsOn: ['destination.value', 'authMethod'],
		});
		// The destination is picked before its auth method, and the auth method before the credential that fills it.
		expect(names.indexOf('destination')).toBeLessThan(names.indexOf('authMethod'));
		expect(names.indexOf('authMethod')).toBeLessThan(names.indexOf('storageCredential'));
	});
});
