'use strict';
/**
 * editor.e2e.js's dataset picker check: Source Connection → Create (node version 1.1) picks
 * datasets one by one from the list AEP pages, in the real editor: one request per screen, a search
 * by name, and the pick saved with the name the list showed (so executing reads no dataset).
 */
const assert = require('assert');
const { isDeepStrictEqual } = require('util');

const SOURCE = 'Create source connection';
const DEVICES = { id: '5ef3e3259ad2a1191ab7dd7d', name: 'AAM Devices Data' };
const ELIGIBLE_DATASETS = '/data/foundation/flowservice/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0/configs';

/** The simulation's eligible datasets in this test (e2e/test.sh starts it with --dataset-count). */
const DATASETS = 1000;

async function datasetPages(sim) {
	return (await sim.requests()).filter((r) => r.method === 'GET' && r.path.startsWith(ELIGIBLE_DATASETS));
}

/** The dataset pages asked for after the first `before`, once no new one came for 1.5 s (at most 15 s). */
async function settledPages(sim, before) {
	const deadline = Date.now() + 15_000;
	let seen = -1;
	let pages = [];
	while (Date.now() < deadline) {
		pages = (await datasetPages(sim)).slice(before);
		if (pages.length === seen && pages.length > 0) return pages;
		seen = pages.length;
		await new Promise((resolve) => setTimeout(resolve, 1500));
	}
	return pages;
}

/** Reads the saved workflow until the node's datasets are there (the save may still be on its way). */
async function savedSourceNode(n8n, workflowId) {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const workflow = await n8n.restData('GET', `/rest/workflows/${workflowId}`);
		const node = workflow.nodes.find((n) => n.name === SOURCE);
		if (node?.parameters?.datasets?.dataset?.[0]?.dataset || Date.now() > deadline) return node;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

async function datasetPickerChecks({ check, editor, n8n, sim, shot, NODE, AEP_CREDENTIAL }) {
	await check(`"${SOURCE}": datasets from AEP's pages of 100 (opening reads 1 or 2 of 10), searched by name, saved with their names (screenshot)`, async () => {
		const { page } = editor;
		await editor.newWorkflow();
		if (!(await editor.addNode(NODE, { action: SOURCE }))) await editor.openNode(SOURCE);
		await editor.selectCredential(AEP_CREDENTIAL.name);
		const before = (await datasetPages(sim)).length;
		await page.getByTestId('ndv').getByRole('button', { name: 'Add Dataset' }).click();
		const shown = await editor.resourceLocatorOptions('dataset');
		// Until the editor has asked for all it wants on opening the list.
		const asked = await settledPages(sim, before);
		console.log(`#   first screen: ${shown.length} of ${DATASETS} datasets; pages asked: ${JSON.stringify(asked.map((r) => r.query.start))}`);
		// One page per call of the list method; n8n's list asks for the next page once as it opens.
		assert.ok(asked.length >= 1 && asked.length <= 2, `${asked.length} pages read`);
		assert.deepStrictEqual(asked.map((r) => [r.query.start, r.query.limit]), [['0', '100'], ['100', '100']].slice(0, asked.length));
		assert.strictEqual(shown.length, asked.length * 100);
		await shot('aep-source-dataset-picker');

		const beforeSearch = (await datasetPages(sim)).length;
		await page.getByPlaceholder('Search...').filter({ visible: true }).last().fill('devices data');
		const deadline = Date.now() + 10_000;
		let found = [];
		while (!isDeepStrictEqual(found, [DEVICES.name]) && Date.now() < deadline) {
			await page.waitForTimeout(300);
			found = (await editor.resourceLocatorItems().allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		}
		assert.deepStrictEqual(found, [DEVICES.name]);
		// No name filter in AEP: the search reads the pages not yet read, once (each page is kept two minutes).
		const searched = (await settledPages(sim, beforeSearch)).map((r) => Number(r.query.start));
		console.log(`#   the search read pages from ${JSON.stringify(searched)}`);
		assert.strictEqual(new Set(searched).size, searched.length, 'a page was read twice');
		assert.ok(searched.every((start) => start >= asked.length * 100), `re-read a page already read: ${JSON.stringify(searched)}`);
		await shot('aep-source-dataset-search');
		await editor.resourceLocatorItems().filter({ hasText: DEVICES.name }).first().click();
		assert.strictEqual(await editor.resourceLocator('dataset').getByTestId('rlc-input').inputValue(), DEVICES.name);

		await editor.fillParameter('name', 'Export of AAM Devices Data');
		await editor.closeNdv();
		await page.keyboard.press('Control+s');
		await page.waitForURL((url) => /\/workflow\/(?!new)[^/]+/.test(url.pathname), { timeout: 15_000 });
		const node = await savedSourceNode(n8n, new URL(page.url()).pathname.split('/').filter(Boolean)[1]);
		assert.ok(node, `no saved "${SOURCE}" node`);
		assert.strictEqual(node.typeVersion, 1.1);
		assert.deepStrictEqual(node.parameters.datasets, {
			dataset: [{ dataset: { __rl: true, value: DEVICES.id, mode: 'list', cachedResultName: DEVICES.name } }],
		});
	});
}

module.exports = { datasetPickerChecks };
