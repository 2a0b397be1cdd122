'use strict';
/**
 * The first half of e2e/lib/browser.js's Editor (split out of it): the session (sign in, modals), the
 * canvas, the node creator and opening / closing a node's panel. Editor (lib/browser.js) extends it
 * with credentials, parameters and screenshots.
 */

class EditorCanvas {
	/** @param {any} page  a playwright-core Page (playwright-core lives in the e2e cache, so it is untyped here) */
	constructor(page) {
		this.page = page;
	}

	// ---------------------------------------------------------------- session
	/** @param {{ email: string, password: string } | null} owner  n8n.owner (after setupOwner()) */
	async signIn(owner) {
		if (!owner) throw new Error('signIn: no owner yet (call n8n.setupOwner() first)');
		const { email, password } = owner;
		const { page } = this;
		await page.goto('/signin');
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(email);
		await page.getByTestId('password').locator('input').fill(password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		await this.dismissModals();
	}

	/** Closes any modal dialog the editor opens on first visit (none expected with the e2e env). */
	async dismissModals() {
		const { page } = this;
		await page.waitForLoadState('networkidle').catch(() => {});
		for (let i = 0; i < 3; i++) {
			const close = page.locator('.el-dialog:visible .el-dialog__headerbtn, [role="dialog"]:visible button[aria-label="Close"]');
			if ((await close.count()) === 0) return;
			await close.first().click().catch(() => {});
			await page.waitForTimeout(300);
		}
	}

	// ---------------------------------------------------------------- canvas
	async newWorkflow() {
		const { page } = this;
		await page.goto('/workflow/new');
		await page.getByTestId('canvas-wrapper').waitFor();
		await this.dismissModals();
	}

	/** Opens a saved workflow by id. */
	async openWorkflow(id) {
		await this.page.goto(`/workflow/${id}`);
		await this.page.getByTestId('canvas-wrapper').waitFor();
		await this.dismissModals();
	}

	canvasNode(nodeName) {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	}

	/**
	 * Adds a node through the node creator: search `search`, click the item whose name is
	 * exactly `itemName` (default: search; a trailing " Trigger" may be dropped by n8n), then, if
	 * the node shows an actions list, click `action` (default: the first action).
	 * On an empty canvas n8n adds a Manual Trigger in front of a non-trigger node by itself.
	 * Leaves the node's panel (NDV) open when n8n opens it; returns whether it is open.
	 */
	/**
	 * @param {string} search
	 * @param {{ itemName?: string, action?: string }} [options]
	 */
	async addNode(search, { itemName = search, action } = {}) {
		const { page } = this;
		const emptyCanvas = page.getByTestId('canvas-plus-button');
		if (await emptyCanvas.isVisible().catch(() => false)) await emptyCanvas.click();
		else await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator').waitFor();
		await page.getByTestId('node-creator-search-bar').fill(search);
		await this.nodeCreatorItem(itemName).click();
		const actions = this.nodeCreatorActions();
		if (action) {
			await this.waitNodeCreatorSettled();
			const wanted = actions.getByText(action, { exact: true }).first();
			// n8n 2.41 merges a package's node and trigger into one entry whose details list
			// "Triggers (N)" open and "Actions (N)" collapsed: open the section that holds the action
			if (!(await wanted.isVisible().catch(() => false))) {
				const sections = page.getByTestId('node-creator').getByText(/^(Actions|Triggers) \(\d+\)$/);
				for (const header of await sections.all()) {
					if (await wanted.isVisible().catch(() => false)) break;
					await header.click();
					await this.waitNodeCreatorSettled();
				}
			}
			await wanted.click();
		} else {
			// What n8n shows next depends on the node:
			//  - an installed community node without actions: a "Node details" panel (Installed /
			//    Via npm) with an "Add to workflow" button;
			//  - a node with resources/operations or trigger events: an actions list; without
			//    `action` the first one is taken;
			//  - otherwise the node is added and its panel (NDV) opens.
			const addButton = page.getByTestId('node-creator').getByRole('button', { name: 'Add to workflow' });
			const ndv = page.getByTestId('ndv');
			await Promise.race([
				addButton.waitFor({ state: 'visible', timeout: 10_000 }),
				actions.first().waitFor({ state: 'visible', timeout: 10_000 }),
				ndv.waitFor({ state: 'visible', timeout: 10_000 }),
			]).catch(() => {});
			if (await addButton.isVisible().catch(() => false)) await addButton.click();
			else if (!(await ndv.isVisible().catch(() => false)) && (await actions.count()) > 0) {
				await this.waitNodeCreatorSettled();
				await actions.first().click();
			}
		}
		return await this.waitForNdvOrCanvas();
	}

	/** Action names the node creator lists for `search` (for nodes with resources/operations). */
	async listActions(search, { itemName = search } = {}) {
		const { page } = this;
		const emptyCanvas = page.getByTestId('canvas-plus-button');
		if (await emptyCanvas.isVisible().catch(() => false)) await emptyCanvas.click();
		else await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill(search);
		await this.nodeCreatorItem(itemName).click();
		await page.waitForTimeout(500);
		await this.waitNodeCreatorSettled();
		const names = await this.nodeCreatorActions().getByTestId('node-creator-item-name').allInnerTexts();
		await page.keyboard.press('Escape');
		return names.map((t) => t.trim()).filter(Boolean);
	}

	/**
	 * Action entries (operations / trigger events) the node creator shows for the clicked node.
	 * Built-in nodes list them as node-creator-action-item; the "Node details" panel of an
	 * installed community node lists them as item-iterator-item entries with an action body.
	 * Visible only: panels slide in and out, and the outgoing panel's items still match.
	 */
	nodeCreatorActions() {
		return this.page
			.getByTestId('node-creator')
			.locator('[data-test-id="node-creator-action-item"], [data-test-id="item-iterator-item"]:has([class*="hasAction"])')
			.filter({ visible: true });
	}

	/** Waits until no node-creator panel is mid slide-in/out (clicks during it miss). */
	async waitNodeCreatorSettled(timeoutMs = 5000) {
		const moving = this.page.locator('[class*="panel-slide-"][class*="-active"]');
		const deadline = Date.now() + timeoutMs;
		while ((await moving.count()) > 0 && Date.now() < deadline) await this.page.waitForTimeout(100);
	}

	/** Node creator entry by node display name; the creator drops a trailing " Trigger". */
	nodeCreatorItem(displayName) {
		const base = displayName.replace(/ Trigger$/, '');
		return this.page
			.getByTestId('node-creator-item-name')
			.getByText(new RegExp(`^\\s*${escapeRegExp(base)}( Trigger)?\\s*$`))
			.first();
	}

	async waitForNdvOrCanvas() {
		const ndv = this.page.getByTestId('ndv');
		try {
			await ndv.waitFor({ state: 'visible', timeout: 5000 });
			return true;
		} catch {
			return false;
		}
	}

	/** Opens a node's panel (NDV) by its name on the canvas. */
	async openNode(nodeName) {
		await this.canvasNode(nodeName).dblclick();
		await this.page.getByTestId('ndv').waitFor();
	}

	async closeNdv() {
		const { page } = this;
		// 2.x NDV dialog: ndv-close-button; older layout: back-to-canvas; last resort: Escape
		for (const id of ['ndv-close-button', 'back-to-canvas']) {
			const button = page.getByTestId(id);
			if (await button.isVisible().catch(() => false)) {
				await button.click();
				break;
			}
		}
		if (await page.getByTestId('ndv').isVisible().catch(() => false)) await page.keyboard.press('Escape');
		await page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}
}

function escapeRegExp(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = { EditorCanvas, escapeRegExp };
