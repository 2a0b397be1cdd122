'use strict';
/**
 * Findability: what the n8n editor's own searches show for a query, as a user sees them.
 *
 *   const { nodeSearch, credentialSearch } = require('./lib/search');
 *   await nodeSearch(editor, 'adobe');        // -> ['Adobe Experience Platform', …]  node creator
 *   await credentialSearch(editor, 'aep');    // -> ['Adobe Experience Platform (AEP) API', …]
 *
 * `editor` is a signed-in lib/browser.js `Editor` (or AepEditor). Both functions return the
 * display names listed for the query, in the order shown, once the list stopped changing, and
 * close what they opened. n8n's node creator shows trigger nodes without their " Trigger" suffix
 * in search results (see Editor.nodeCreatorItem).
 */

/**
 * Reads `locator`'s inner texts until two reads `settleMs` apart agree (lists are filtered and
 * re-rendered as the query is typed), at most `timeoutMs`.
 * @param {any} locator  a playwright-core Locator
 * @returns {Promise<string[]>}
 */
async function settledTexts(locator, { settleMs = 400, timeoutMs = 10_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let previous = null;
	for (;;) {
		const texts = (await locator.allInnerTexts()).map((text) => text.trim().split('\n')[0].trim()).filter(Boolean);
		if (previous !== null && JSON.stringify(previous) === JSON.stringify(texts)) return texts;
		if (Date.now() > deadline) return texts;
		previous = texts;
		await new Promise((resolve) => setTimeout(resolve, settleMs));
	}
}

/**
 * Types `query` into the node creator's search (the "+" panel on the canvas) and returns the
 * names of the nodes it lists. Opens a new workflow first unless a canvas is already shown.
 * @param {any} editor  a lib/browser.js Editor
 * @param {string} query
 * @returns {Promise<string[]>}
 */
async function nodeSearch(editor, query) {
	const { page } = editor;
	if (!(await page.getByTestId('canvas-wrapper').isVisible().catch(() => false))) await editor.newWorkflow();
	const emptyCanvas = page.getByTestId('canvas-plus-button');
	if (await emptyCanvas.isVisible().catch(() => false)) await emptyCanvas.click();
	else await page.getByTestId('node-creator-plus-button').click();
	const creator = page.getByTestId('node-creator');
	await creator.waitFor();
	await page.getByTestId('node-creator-search-bar').fill(query);
	await editor.waitNodeCreatorSettled();
	const names = await settledTexts(creator.getByTestId('node-creator-item-name').filter({ visible: true }));
	await page.keyboard.press('Escape');
	await creator.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
	return names;
}

/**
 * Types `query` into the search of n8n's "Add new credential" dialog (Overview → Credentials →
 * Create credential; the route /home/credentials/create opens it) and returns the credential
 * type display names it lists.
 * @param {any} editor  a lib/browser.js Editor
 * @param {string} query
 * @returns {Promise<string[]>}
 */
async function credentialSearch(editor, query) {
	const { page } = editor;
	// first the list page, to close what n8n pops up on a first visit (it would cover the dialog)
	await page.goto('/home/credentials');
	await editor.dismissModals();
	await page.goto('/home/credentials/create');
	const select = page.getByTestId('new-credential-type-select');
	await select.waitFor();
	const input = select.locator('input').first();
	await input.click();
	await input.fill(query);
	const names = await settledTexts(page.getByTestId('new-credential-type-select-option').filter({ visible: true }));
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	return names;
}

module.exports = { nodeSearch, credentialSearch, settledTexts };
