'use strict';
/**
 * editor.e2e.js's findability checks (split out of it): the node creator and "Add new credential"
 * searches find the node, the trigger and every credential.
 */
const assert = require('assert');
const path = require('path');

const { PACKAGE_JSON } = require('../lib/aep');
const { credentialSearch, nodeSearch } = require('../lib/search');

/** Every credential type's display name, from the built package n8n loads. */
const CREDENTIAL_NAMES = PACKAGE_JSON.n8n.credentials.map(
	(file) => {
		const Credential = require(path.join(__dirname, '..', '..', file))[path.basename(file, '.credentials.js')];
		return new Credential().displayName;
	},
);

/**
 * The section headers ("Triggers (N)", "Actions (N)") of the node creator's entry for NODE when
 * searching `query`: one entry stands for the node and the trigger, and lists both.
 */
async function entrySections(editor, NODE, query) {
	const { page } = editor;
	if (!(await page.getByTestId('canvas-wrapper').isVisible().catch(() => false))) await editor.newWorkflow();
	const emptyCanvas = page.getByTestId('canvas-plus-button');
	if (await emptyCanvas.isVisible().catch(() => false)) await emptyCanvas.click();
	else await page.getByTestId('node-creator-plus-button').click();
	const creator = page.getByTestId('node-creator');
	await page.getByTestId('node-creator-search-bar').fill(query);
	await editor.nodeCreatorItem(NODE).click();
	await editor.waitNodeCreatorSettled();
	const headers = creator.getByText(/^(Actions|Triggers) \(\d+\)$/);
	await headers.first().waitFor();
	const texts = (await headers.allInnerTexts()).map((t) => t.trim());
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await creator.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
	return texts;
}

/**
 * @param {object} ctx
 * @param {import('../lib/aep').Checks['check']} ctx.check
 * @param {import('../lib/aep-editor').AepEditor} ctx.editor  signed in
 * @param {string} ctx.NODE  the node's display name
 */
async function findabilityChecks({ check, editor, NODE }) {
	for (const query of ['adobe', 'aep', 'adobe experience platform']) {
		await check(`findability: "${query}" finds the node and the trigger in the node creator, every credential in "Add new credential"`, async () => {
			const nodes = await nodeSearch(editor, query);
			console.log(`#   nodes for "${query}": ${JSON.stringify(nodes)}`);
			assert.ok(nodes.includes(NODE), `"${NODE}" not listed: ${JSON.stringify(nodes)}`);
			// n8n 2.41 lists a package's node and trigger as one entry: its details hold both
			const sections = await entrySections(editor, NODE, query);
			assert.deepStrictEqual(sections.map((t) => t.replace(/ \(\d+\)$/, '')).sort(), ['Actions', 'Triggers'], JSON.stringify(sections));
			const credentials = await credentialSearch(editor, query);
			console.log(`#   credentials for "${query}": ${JSON.stringify(credentials)}`);
			const missing = CREDENTIAL_NAMES.filter((name) => !credentials.includes(name));
			assert.deepStrictEqual(missing, [], `not listed: ${missing.join(', ')}`);
		});
	}

	await check('findability: "export", "destination", "dataflow", "dataset", "audience" find the node', async () => {
		const notFound = [];
		for (const query of ['export', 'destination', 'dataflow', 'dataset', 'audience']) {
			const nodes = await nodeSearch(editor, query);
			console.log(`#   nodes for "${query}": ${JSON.stringify(nodes.slice(0, 8))}`);
			if (!nodes.includes(NODE)) notFound.push(query);
		}
		assert.deepStrictEqual(notFound, []);
	});
}

module.exports = { findabilityChecks };
