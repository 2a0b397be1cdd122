/**
 * The storage credential registry is the one list of storage credentials: package.json, the
 * credential classes, the node's credential slots and its Storage Credential option must all agree
 * with it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	storageCredentialOptions,
	storageCredentialSlots,
} from '../../nodes/AdobeExperiencePlatform/descriptions/storageCredentials';
import {
	ALL_STORAGE_CREDENTIALS,
	NO_CREDENTIAL,
	STORAGE_CREDENTIALS,
} from '../../nodes/AdobeExperiencePlatform/domain/storageCredentials/registry';
import { CREDENTIAL_NAME } from '../../nodes/AdobeExperiencePlatform/transport/constants';
import { loadPackage, PACKAGE_NAME, PACKAGE_ROOT } from '../harness/engine';
import { aepCredentials } from '../harness/credentials';
import { loadOptions } from '../harness/load-options';
import { ACTION_NODE, aepOperation } from '../harness/nodes';

const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	n8n: { credentials: string[] };
};
const { nodes, credentials } = loadPackage();
const node = nodes.get(`${PACKAGE_NAME}.${ACTION_NODE}`)!;

test('package.json lists the Adobe credential and exactly the registry\'s storage credentials', () => {
	const storage = manifest.n8n.credentials.filter((file) => !file.endsWith('/AepPlatformApi.credentials.js'));
	expect(manifest.n8n.credentials).toContain('dist/credentials/AepPlatformApi.credentials.js');
	expect([...storage].sort()).toEqual(
		ALL_STORAGE_CREDENTIALS.map((kind) => `dist/credentials/${kind.className}.credentials.js`).sort(),
	);
});

test.each(ALL_STORAGE_CREDENTIALS.map((kind) => [kind.type, kind] as const))(
	'credential class of %s: its name, display name and fields are the registry\'s',
	(type, kind) => {
		const credential = credentials.get(type);
		expect(credential).toBeDefined();
		expect(credential!.constructor.name).toBe(kind.className);
		expect(credential!.displayName).toBe(kind.credentialDisplayName);
		// n8n's credential search must find each by "adobe" and by "aep".
		expect(credential!.displayName.toLowerCase()).toContain('adobe');
		expect(credential!.displayName.toLowerCase()).toContain('aep');
		const fields = credential!.properties.map((property) => property.name);
		for (const mapping of kind.fields) expect(fields).toContain(mapping.field);
	},
);

test('every mapped kind carries aliases and the reference authSpec its credential test checks', () => {
	for (const kind of STORAGE_CREDENTIALS) {
		expect(kind.fields.length).toBeGreaterThan(0);
		for (const mapping of kind.fields) {
			expect(mapping.aliases.length).toBeGreaterThan(0);
			for (const alias of mapping.aliases) expect(alias).toBe(alias.toLowerCase());
		}
		expect(kind.reference?.spec.properties).toBeDefined();
	}
});

test("the node's credential slots are the ones derived from the registry, each tested by the node", () => {
	const slots = node.description.credentials!.filter((slot) => slot.name !== CREDENTIAL_NAME);
	expect(slots).toEqual(storageCredentialSlots());
	for (const slot of slots) expect(node.methods?.credentialTest?.[slot.testedBy as string]).toBeDefined();
});

test.each(['create', 'updateCredentials'])(
	'Storage Credential (%s) offers the registry\'s credentials and None, sorted by name, listed or loaded',
	async (operation) => {
		const option = node.description.properties.find(
			(property) =>
				property.name === 'storageCredential' && property.displayOptions?.show?.operation?.includes(operation),
		)!;
		const method = option.typeOptions?.loadOptionsMethod;
		// Create loads the list (only what fits the destination once one is picked); with none picked it is every one.
		const offered = method
			? await loadOptions(method, {
					nodeType: aepOperation('baseConnection', operation),
					parameters: { destination: { __rl: true, mode: 'list', value: '' } },
					credentials: aepCredentials(),
				})
			: option.options;
		if (operation === 'create') expect(method).toBe('getStorageCredentialTypes');
		else expect(method).toBeUndefined();
		expect(offered).toEqual(storageCredentialOptions());
		const values = (offered ?? []).map((choice) => (choice as { value: string }).value);
		expect(values.sort()).toEqual([...ALL_STORAGE_CREDENTIALS.map((kind) => kind.type), NO_CREDENTIAL].sort());
	},
);
