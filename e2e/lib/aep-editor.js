'use strict';
/**
 * Editor helpers the package's browser test needs beyond lib/browser.js's `Editor`: resource
 * locators (list mode), resource mappers (generated fields), option names without their
 * descriptions, and waits that tell apart "the editor refreshed by itself" from "only after
 * reopening the node panel" so the test can report which happened.
 */
const { Editor } = require('./browser');

class AepEditor extends Editor {
	/** A screenshot once no CSS animation runs (dropdowns fade in; a mid-fade shot is half transparent). */
	async settledScreenshot(name) {
		await this.page
			.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5000 })
			.catch(() => {});
		return await this.screenshot(name);
	}

	resourceLocator(name) {
		return this.page.getByTestId(`resource-locator-${name}`);
	}

	/** Visible items of the open resource-locator list. */
	resourceLocatorItems() {
		return this.page.getByTestId('rlc-item').filter({ visible: true });
	}

	/**
	 * Opens the list of resource locator `name` (list mode) and returns the item names once they
	 * stopped changing. Throws with what the list shows when it stays empty (e.g. the credential
	 * error the editor gets when it asked before the credential was attached).
	 */
	async resourceLocatorOptions(name, { timeoutMs = 20_000 } = {}) {
		const { page } = this;
		const locator = this.resourceLocator(name);
		await locator.waitFor();
		const items = this.resourceLocatorItems();
		if ((await items.count()) === 0) await locator.getByTestId('rlc-input').click();
		const deadline = Date.now() + timeoutMs;
		let previous = null;
		for (;;) {
			const texts = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
			// two equal readings 300 ms apart: the list finished loading (it pages in as it scrolls)
			if (texts.length && previous && previous.join('\n') === texts.join('\n')) return texts;
			previous = texts;
			if (Date.now() > deadline) {
				const shown = (await locator.innerText().catch(() => '')).trim();
				throw new Error(`resource locator "${name}" lists nothing after ${timeoutMs} ms; it shows: ${JSON.stringify(shown)}`);
			}
			await page.waitForTimeout(300);
		}
	}

	/** Picks `itemText` (exact) in the open or closed list of resource locator `name`. */
	async selectResourceLocatorItem(name, itemText) {
		await this.resourceLocatorOptions(name);
		await this.resourceLocatorItems()
			.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(itemText)}\\s*$`) })
			.first()
			.click();
		await this.resourceLocatorItems().first().waitFor({ state: 'hidden' }).catch(() => {});
		const value = await this.resourceLocator(name).getByTestId('rlc-input').inputValue();
		if (value !== itemText) throw new Error(`resource locator "${name}" shows ${JSON.stringify(value)} after picking ${JSON.stringify(itemText)}`);
	}

	/** The container of the resource mapper of the open node panel. */
	resourceMapper() {
		return this.page.getByTestId('ndv').getByTestId('resource-mapper-container');
	}

	/**
	 * The resource mapper's fields as { id, label } (id from the field input's test id
	 * parameter-input-<id>, label as the field's heading shows it), or [] while it shows none.
	 */
	async resourceMapperFields() {
		const container = this.resourceMapper().getByTestId('mapping-fields-container');
		if ((await container.count()) === 0) return [];
		return await container.locator('.parameter-item').evaluateAll((items) =>
			items
				.map((item) => {
					const input = item.querySelector('[data-test-id^="parameter-input-"]:not([data-test-id="parameter-input-field"])');
					const label = item.querySelector('label');
					return {
						id: input ? input.getAttribute('data-test-id').replace(/^parameter-input-/, '') : null,
						label: label ? label.innerText.split('\n')[0].trim() : null,
					};
				})
				.filter((f) => f.id),
		);
	}

	/** What the resource mapper says instead of fields ('' when it shows fields). */
	async resourceMapperNotice() {
		const notice = this.resourceMapper().getByTestId('empty-fields-notice');
		return (await notice.count()) ? (await notice.innerText()).trim() : '';
	}

	/**
	 * Waits for the resource mapper to show fields. When they do not come within `liveMs`, closes
	 * and reopens node `reopenNode`'s panel (which makes the editor fetch them again) and waits
	 * again. Returns { fields, reopened }.
	 */
	/** @param {{ reopenNode?: string, liveMs?: number, timeoutMs?: number }} [options] */
	async waitResourceMapperFields({ reopenNode, liveMs = 5000, timeoutMs = 20_000 } = {}) {
		let fields = await this.pollFields(liveMs);
		if (fields.length) return { fields, reopened: false };
		if (!reopenNode) throw new Error(`resource mapper shows no field: ${JSON.stringify(await this.resourceMapperNotice())}`);
		await this.closeNdv();
		await this.openNode(reopenNode);
		fields = await this.pollFields(timeoutMs);
		if (!fields.length) {
			throw new Error(`resource mapper shows no field after reopening the panel: ${JSON.stringify(await this.resourceMapperNotice())}`);
		}
		return { fields, reopened: true };
	}

	async pollFields(timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fields = await this.resourceMapperFields();
			if (fields.length || Date.now() > deadline) return fields;
			await this.page.waitForTimeout(250);
		}
	}

	/**
	 * Waits while dropdown parameter `name` is a disabled input reading "Loading options..."
	 * (the editor is fetching them); returns what a still-disabled input shows, or ''.
	 */
	async waitOptionsLoaded(name, timeoutMs = 15_000) {
		const disabled = this.parameter(name).locator('input[disabled]');
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if ((await disabled.count()) === 0) return '';
			const shown = await disabled.first().inputValue().catch(() => '');
			if (!/^Loading options/i.test(shown) || Date.now() > deadline) return shown;
			await this.page.waitForTimeout(200);
		}
	}

	/**
	 * Option names (first line of each item: n8n prints an option's description under its name)
	 * of dropdown parameter `name`, and whether the node panel had to be reopened for them (the
	 * editor can ask before the credential is attached, then shows an error or nothing).
	 */
	/**
	 * @param {string} name
	 * @param {{ reopenNode?: string, keepOpen?: boolean }} [options]
	 */
	async optionNames(name, { reopenNode, keepOpen = false } = {}) {
		let reopened = false;
		let texts;
		try {
			await this.parameter(name).waitFor();
			await this.waitOptionsLoaded(name);
			texts = await this.readDropdownOptions(name, { keepOpen, timeoutMs: 10_000 });
		} catch (e) {
			if (!reopenNode) throw e;
			console.log(`#   "${name}" listed nothing at first (${String(e instanceof Error ? e.message : e).split('\n')[0]}); reopening the node panel`);
			reopened = true;
			await this.closeNdv();
			await this.openNode(reopenNode);
			await this.parameter(name).waitFor();
			await this.waitOptionsLoaded(name);
			texts = await this.readDropdownOptions(name, { keepOpen, timeoutMs: 30_000 });
		}
		return { names: texts.map((t) => t.split('\n')[0].trim()), texts, reopened };
	}

	/** Picks the option of dropdown parameter `name` whose name (first line) is `optionName`. */
	async selectOptionByName(name, optionName) {
		const popper = await this.openDropdown(name);
		const items = popper.locator('.el-select-dropdown__item');
		const names = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
		const index = names.indexOf(optionName);
		if (index === -1) throw new Error(`dropdown "${name}" has no option ${JSON.stringify(optionName)} (has ${JSON.stringify(names)})`);
		await items.nth(index).click();
		await this.waitDropdownClosed(await popper.getAttribute('id'));
	}
}

function escapeRegExp(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = { AepEditor };
