'use strict';
/**
 * Browser helpers for the real n8n editor: Debian's chromium driven by playwright-core, both
 * installed by e2e/install-browser.sh (playwright-core lives in the e2e cache, not in the project).
 *
 *   const { launch, Editor } = require('./lib/browser');
 *   const { browser, page } = await launch({ baseUrl: n8n.baseUrl });
 *   const editor = new Editor(page);
 *   await editor.signIn(n8n.owner);
 *   await editor.newWorkflow();
 *   await editor.addNode('Create Target Connection');      // node creator search + click
 *   const opts = await editor.dropdownOptions('destination'); // ['Amazon S3', ...]
 *   await editor.selectDropdownOption('destination', 'Amazon S3');
 *   await editor.screenshot('create-target-connection');   // -> e2e/artifacts/<name>.png
 *
 * Selectors follow n8n's own Playwright page objects (test ids are `data-test-id`).
 */
const fs = require('fs');
const path = require('path');

const { paths } = require('./n8n');
const { EditorCanvas, escapeRegExp } = require('./editor-canvas');

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = process.env.E2E_ARTIFACTS || path.resolve(__dirname, '..', 'artifacts');
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

function loadPlaywright() {
	const dir = path.join(paths().playwrightDir, 'node_modules', 'playwright-core');
	if (!fs.existsSync(dir)) throw new Error(`${dir} missing: run e2e/install-browser.sh first`);
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: run e2e/install-browser.sh first`);
	return require(dir);
}

/**
 * Launches chromium and opens a page whose relative URLs resolve against baseUrl.
 * @param {{ baseUrl: string, viewport?: { width: number, height: number }, timeoutMs?: number }} options
 * @returns {Promise<{playwright, browser, context, page}>}
 */
async function launch({ baseUrl, viewport = { width: 1600, height: 1000 }, timeoutMs = 30_000 }) {
	const playwright = loadPlaywright();
	playwright.selectors.setTestIdAttribute('data-test-id');
	const browser = await playwright.chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
	});
	const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'en-US', timezoneId: 'UTC' });
	const page = await context.newPage();
	page.setDefaultTimeout(timeoutMs);
	// leaving an unsaved workflow raises beforeunload; Playwright would dismiss it (= stay)
	page.on('dialog', (d) => (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {}));
	return { playwright, browser, context, page };
}

/** The n8n editor page: session, canvas and node creator (EditorCanvas, lib/editor-canvas.js), then the below. */
class Editor extends EditorCanvas {
	// ---------------------------------------------------------------- credentials (inside the NDV)
	/** Name of the credential the open node panel has selected ('' when none). */
	async selectedCredential() {
		const select = this.page.getByTestId('ndv').getByTestId('node-credentials-select');
		if ((await select.count()) === 0) return '';
		return await select.locator('input').first().inputValue().catch(() => '');
	}

	/**
	 * Picks the existing credential `name` in the open node panel (n8n auto-selects the only
	 * credential of a type when the node is added; this makes the choice explicit).
	 */
	async selectCredential(name) {
		const { page } = this;
		const select = page.getByTestId('ndv').getByTestId('node-credentials-select');
		await select.waitFor();
		if ((await this.selectedCredential()) === name) return;
		await select.click();
		await page.locator('.el-popper[aria-hidden="false"]').getByText(name, { exact: true }).first().click();
		const deadline = Date.now() + 10_000;
		while ((await this.selectedCredential()) !== name) {
			if (Date.now() > deadline) throw new Error(`credential "${name}" not selected (shows "${await this.selectedCredential()}")`);
			await page.waitForTimeout(100);
		}
	}

	// ---------------------------------------------------------------- parameters (inside the NDV)
	parameter(name) {
		return this.page.getByTestId(`parameter-input-${name}`);
	}

	/**
	 * The dropdown (Element Plus popper) that belongs to parameter `name`: the select's trigger
	 * carries aria-describedby=<popper id>. Scoping to it matters: a just-closed dropdown stays
	 * "visible" during its fade-out and would otherwise leak its options.
	 */
	/** Popper id of parameter `name`'s dropdown, or null before its first opening (lazy). */
	async dropdownPopperId(name) {
		const trigger = this.parameter(name).locator('[aria-describedby]');
		if ((await trigger.count()) === 0) return null;
		return await trigger.first().getAttribute('aria-describedby');
	}

	/** Opens parameter `name`'s dropdown (if closed); returns its popper locator. */
	async openDropdown(name) {
		let id = await this.dropdownPopperId(name);
		const isOpen = async () => id && (await this.page.locator(`[id="${id}"][aria-hidden="false"]`).count()) > 0;
		if (!(await isOpen())) {
			const param = this.parameter(name);
			await param.waitFor();
			// without a credential n8n renders a disabled text input ("Set up credential to see options")
			const disabled = param.locator('input[disabled]');
			if ((await disabled.count()) > 0) {
				const shown = await disabled.first().inputValue().catch(() => '');
				throw new Error(`dropdown "${name}" is disabled; it shows: ${JSON.stringify(shown)}`);
			}
			await param.click();
			try {
				await param.locator('[aria-describedby]').first().waitFor({ state: 'attached', timeout: 10_000 });
			} catch {
				throw new Error(`parameter "${name}" did not open a dropdown: ${JSON.stringify((await param.innerText()).trim())}`);
			}
			id = await this.dropdownPopperId(name);
		}
		await this.page.locator(`[id="${id}"][aria-hidden="false"]`).waitFor();
		return this.page.locator(`[id="${id}"]`);
	}

	async closeDropdown(name) {
		const id = await this.dropdownPopperId(name);
		if (!id) return;
		if ((await this.page.locator(`[id="${id}"][aria-hidden="false"]`).count()) > 0) {
			await this.page.keyboard.press('Escape');
		}
		await this.waitDropdownClosed(id);
	}

	async waitDropdownClosed(id) {
		await this.page.locator(`[id="${id}"][aria-hidden="false"]`).waitFor({ state: 'detached' });
		// then the fade-out (display: none at its end), so screenshots and later lookups are clean
		await this.page.locator(`[id="${id}"]`).waitFor({ state: 'hidden' });
	}

	/**
	 * Opens the dropdown of parameter `name`, waits for its options (loadOptions included) and
	 * returns their texts. Throws with what the dropdown shows when it lists no option (e.g.
	 * "Node does not have any credentials set" when the editor asked before the credential was
	 * attached). With `reopenNode: '<node name>'` it first retries once after closing and
	 * reopening that node's panel, which makes the editor ask again.
	 * Closes the dropdown again unless keepOpen.
	 */
	/**
	 * @param {string} name
	 * @param {{ keepOpen?: boolean, timeoutMs?: number, reopenNode?: string }} [options]
	 */
	async dropdownOptions(name, { keepOpen = false, timeoutMs = 30_000, reopenNode } = {}) {
		try {
			return await this.readDropdownOptions(name, { keepOpen, timeoutMs: reopenNode ? Math.min(timeoutMs, 10_000) : timeoutMs });
		} catch (e) {
			if (!reopenNode) throw e;
			await this.closeNdv();
			await this.openNode(reopenNode);
			await this.parameter(name).waitFor();
			return await this.readDropdownOptions(name, { keepOpen, timeoutMs });
		}
	}

	async readDropdownOptions(name, { keepOpen, timeoutMs }) {
		const { page } = this;
		const popper = await this.openDropdown(name);
		const items = popper.locator('.el-select-dropdown__item');
		const deadline = Date.now() + timeoutMs;
		let texts = [];
		for (;;) {
			const loading = await popper.locator('.el-select-dropdown__loading, .is-loading').count();
			texts = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
			if (!loading && texts.length) break;
			if (Date.now() > deadline) {
				const shown = (await popper.innerText().catch(() => '')).trim();
				await this.closeDropdown(name);
				throw new Error(`dropdown "${name}" lists no option after ${timeoutMs} ms; it shows: ${JSON.stringify(shown)}`);
			}
			await page.waitForTimeout(200);
		}
		if (!keepOpen) await this.closeDropdown(name);
		return texts;
	}

	/** Picks `optionText` (exact) in the dropdown of parameter `name`. */
	async selectDropdownOption(name, optionText) {
		const popper = await this.openDropdown(name);
		await popper.locator('.el-select-dropdown__item').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(optionText)}\\s*$`) }).first().click();
		await this.waitDropdownClosed(await popper.getAttribute('id'));
	}

	/** Text shown in a dropdown parameter (the selected option's name). */
	async dropdownValue(name) {
		const input = this.parameter(name).locator('input').first();
		return (await input.inputValue().catch(() => '')) || (await this.parameter(name).innerText()).trim();
	}

	async fillParameter(name, value) {
		const input = this.parameter(name).locator('input, textarea').first();
		await input.click();
		await input.fill(value);
	}

	// ---------------------------------------------------------------- artifacts
	/** Full-page screenshot into e2e/artifacts/<name>.png (gitignored). Returns the path. */
	async screenshot(name) {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		const file = path.join(ARTIFACTS, `${name}.png`);
		await this.page.screenshot({ path: file, fullPage: true });
		return file;
	}
}

module.exports = { launch, loadPlaywright, Editor, CHROMIUM, CHROMIUM_ARGS, ARTIFACTS };
