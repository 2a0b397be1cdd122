/** The catalogue kept per credential and sandbox: for a bounded time, failures forgotten, refresh on demand. */
import type { AepContext } from '../../nodes/AdobeExperiencePlatform/transport';
import { CATALOGUE_TTL_MS, cachedCatalogue } from '../../nodes/AdobeExperiencePlatform/api/catalogueCache';

/** What the cache reads of a node context: the node's credential ID and the credential's sandbox. */
function contextFor(credentialId: string, sandboxName: string): AepContext {
	return {
		getNode: () => ({ name: 'AEP', credentials: { aepPlatformApi: { id: credentialId, name: 'AEP' } } }),
		getCredentials: async () => ({ sandboxName, gatewayUrl: 'https://platform.adobe.io', organizationId: 'ORG@AdobeOrg' }),
	} as unknown as AepContext;
}

afterEach(() => jest.useRealTimers());

test('one read per credential and sandbox, shared across contexts (executions, dropdown opens)', async () => {
	const load = jest.fn(async () => ['spec']);
	await cachedCatalogue(contextFor('c1', 'prod'), 'connectionSpecs', load);
	await cachedCatalogue(contextFor('c1', 'prod'), 'connectionSpecs', load);
	expect(load).toHaveBeenCalledTimes(1);
	await cachedCatalogue(contextFor('c1', 'dev'), 'connectionSpecs', load);
	await cachedCatalogue(contextFor('c2', 'prod'), 'connectionSpecs', load);
	expect(load).toHaveBeenCalledTimes(3);
});

test('read again once stale, and whenever refresh is asked for', async () => {
	jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
	const load = jest.fn(async () => ['spec']);
	await cachedCatalogue(contextFor('c1', 'prod'), 'flowSpecs', load);
	jest.setSystemTime(Date.now() + CATALOGUE_TTL_MS - 1);
	await cachedCatalogue(contextFor('c1', 'prod'), 'flowSpecs', load);
	expect(load).toHaveBeenCalledTimes(1);
	jest.setSystemTime(Date.now() + 2);
	await cachedCatalogue(contextFor('c1', 'prod'), 'flowSpecs', load);
	expect(load).toHaveBeenCalledTimes(2);
	await cachedCatalogue(contextFor('c1', 'prod'), 'flowSpecs', load, { refresh: true });
	expect(load).toHaveBeenCalledTimes(3);
});

test('a failed read is not kept: the next caller reads again', async () => {
	const load = jest.fn().mockRejectedValueOnce(new Error('503')).mockResolvedValue(['spec']);
	await expect(cachedCatalogue(contextFor('c1', 'prod'), 'connectionSpec:x', load)).rejects.toThrow('503');
	await expect(cachedCatalogue(contextFor('c1', 'prod'), 'connectionSpec:x', load)).resolves.toEqual(['spec']);
	expect(load).toHaveBeenCalledTimes(2);
});

test("the dataset picker's pages (500 at 50,000 datasets) are kept apart: they never push the specs out", async () => {
	const specs = jest.fn(async () => ['spec']);
	const context = contextFor('c-pages', 'prod');
	await cachedCatalogue(context, 'connectionSpecs', specs);
	const page = jest.fn(async () => ({ items: [] }));
	for (let start = 0; start < 50_000; start += 100) {
		await cachedCatalogue(context, `eligibleDatasets@${start}`, page, { store: 'datasetPages' });
	}
	await cachedCatalogue(context, 'connectionSpecs', specs);
	await cachedCatalogue(context, 'eligibleDatasets@0', page, { store: 'datasetPages' });
	expect(specs).toHaveBeenCalledTimes(1);
	expect(page).toHaveBeenCalledTimes(500);
});
