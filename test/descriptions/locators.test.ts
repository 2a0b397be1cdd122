/**
 * Every resource locator comes from the one builder: list, URL and ID modes, the ID checked as a
 * UUID in the editor (connection IDs excepted, see `uncheckedId`), and an ID pasted as an
 * Experience Platform UI address extracted before any request.
 */
import nock from 'nock';
import type { INodeProperties } from 'n8n-workflow';

import { setRetryPolicy } from '../../nodes/AdobeExperiencePlatform/transport';
import { assertAllRequestsMade, continuationPage, expectTokenRequest, flowService, resetNock } from '../harness/aep';
import { aepCredentials } from '../harness/credentials';
import { chain, loadPackage, PACKAGE_NAME, runWorkflow } from '../harness/engine';
import { ACTION_NODE, aepOperation, TRIGGER_NODE } from '../harness/nodes';
import { expectDataflowRead } from '../harness/runs';

const FLOW = '0f7ae2b0-6f58-4b2c-8b6c-6a2f6c4c6a0e';
const UI_URL = `https://experience.adobe.com/#/@acme/sname:prod/platform/dest/browse/dataflow/${FLOW}`;
const DATASET_UI_URL = 'https://experience.adobe.com/#/@acme/sname:prod/platform/dataset/browse/5ef3e3259ad2a1191ab7dd7d';

/** Resource locators anywhere in a property list, fixed collections included. */
function locators(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		...(property.type === 'resourceLocator' ? [property] : []),
		...(property.type === 'fixedCollection'
			? (property.options ?? []).flatMap((option) => locators((option as { values: INodeProperties[] }).values))
			: []),
	]);
}

const all = [ACTION_NODE, TRIGGER_NODE].flatMap((type) =>
	locators(loadPackage().nodes.get(`${PACKAGE_NAME}.${type}`)!.description.properties).map(
		(locator) => [`${type} ${locator.name}`, locator] as const,
	),
);

beforeAll(() => setRetryPolicy({ baseDelayMs: 1 }));
beforeEach(resetNock);
afterEach(() => nock.cleanAll());

test('every node offers its locators (destination, dataflow, audience, dataset, base, source and target connection)', () => {
	expect(new Set(all.map(([, locator]) => locator.name))).toEqual(
		new Set(['audience', 'audienceId', 'connection', 'dataset', 'destination', 'dataflow', 'sourceConnection', 'targetConnection']),
	);
});

test.each(all)('%s: list, URL and ID modes, the ID a UUID (a dataset\'s: 24 hexadecimal digits)', (_where, locator) => {
	const dataset = locator.name === 'dataset';
	expect(locator.modes!.map((mode) => mode.name)).toEqual(['list', 'url', 'id']);
	const url = locator.modes!.find((mode) => mode.name === 'url')!;
	const regex = (url.validation![0] as unknown as { properties: { regex: string } }).properties.regex;
	expect(new RegExp(regex).test(dataset ? DATASET_UI_URL : UI_URL)).toBe(true);
	expect(new RegExp(regex).test('https://example.com/not-adobe')).toBe(false);
	const id = locator.modes!.find((mode) => mode.name === 'id')!;
	const idRegex = () => (id.validation![0] as unknown as { properties: { regex: string } }).properties.regex;
	if (locator.name.endsWith('Connection')) expect(id.validation).toBeUndefined();
	else if (dataset) expect(idRegex()).toBe('^[0-9a-fA-F]{24}$');
	else expect(idRegex()).toMatch(/^\^\[0-9a-fA-F\]\{8\}/);
});

test('a dataflow pasted as its Experience Platform UI address: the ID is extracted and sent', async () => {
	expectTokenRequest();
	// Get Runs reads the dataflow first, by the extracted ID, then its runs.
	expectDataflowRead(FLOW);
	flowService()
		.get('/runs')
		.query({ property: `flowId==${FLOW}`, orderby: '-createdAt', limit: '1' })
		.reply(200, continuationPage([]));
	const result = await runWorkflow({
		...chain([
			{
				name: 'Runs',
				type: aepOperation('run', 'getAll'),
				parameters: { dataflow: { __rl: true, mode: 'url', value: UI_URL }, returnAll: false, limit: 1 },
			},
		]),
		credentials: aepCredentials(),
	});
	assertAllRequestsMade();
	expect(result.error('Runs')).toBeUndefined();
	expect(result.output('Runs')).toEqual([]);
});

test('the router refuses an operation the node does not have, before any request', async () => {
	const result = await runWorkflow({
		...chain([{ name: 'Odd', type: aepOperation('dataflow', 'rename'), parameters: {} }]),
		credentials: aepCredentials(),
	});
	expect(result.error('Odd')?.message).toBe('The operation "rename" of resource "dataflow" is not supported');
});
