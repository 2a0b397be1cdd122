#!/usr/bin/env node
'use strict';
/**
 * Browser smoke check: real n8n editor in headless Debian chromium (run e2e/install-n8n.sh and
 * e2e/install-browser.sh first).
 *
 * Starts a fresh n8n with a throwaway community package installed and a credential of its type
 * imported, sets up the owner, signs in through the UI, opens a new workflow, adds the package's
 * node through the node creator, checks the credential is selected, reads a static and a
 * loadOptions dropdown (which needs the credential) and picks "Amazon S3".
 * Screenshots go to e2e/artifacts/.
 *
 * With --project (or E2E_PROJECT=1) it also installs `npm pack` of this package (must be built)
 * and adds each of its nodes to a new workflow through the node creator, with a screenshot each.
 *
 * Prints one line per check and a closing "N passed, N failed" line; exits 1 on any failure.
 */
const assert = require('assert');

const fs = require('fs');
const path = require('path');

const { N8n, packPackage } = require('./lib/n8n');
const { buildDummyPackage } = require('./lib/dummy-package');
const { launch, Editor } = require('./lib/browser');

const WITH_PROJECT = process.argv.includes('--project') || process.env.E2E_PROJECT === '1';
const REPO = process.env.E2E_PROJECT_DIR || path.resolve(__dirname, '..');
const CREDENTIAL = { id: 'e2eDummyCred0001', name: 'E2E dummy credential' };

const results = [];
const timings = {};
let editor;
async function check(name, fn) {
	const t0 = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		console.log(`ok   ${name} (${Date.now() - t0} ms)`);
	} catch (e) {
		results.push({ name, ok: false });
		console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e && e.stack ? e.stack : e).split('\n').join('\n     ')}`);
		if (editor) {
			const file = await editor.screenshot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => null);
			if (file) console.log(`     screenshot: ${file}`);
		}
		throw e;
	}
}

async function main() {
	const t0 = Date.now();
	const n8n = await N8n.create();
	console.log(`# n8n run folder: ${n8n.baseDir}`);
	let browser;
	let dummy;
	let projectName;
	try {
		await check('install dummy package + n8n start + owner setup', async () => {
			dummy = await buildDummyPackage();
			await n8n.installPackage(dummy.tgz);
			await n8n.importCredentials({ ...CREDENTIAL, type: dummy.credentialType, data: { apiKey: 'secret-e2e-value' } });
			if (WITH_PROJECT) {
				const pj = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
				projectName = (await n8n.installPackage(await packPackage(REPO, path.join(n8n.baseDir, 'pack')))).name;
				assert.strictEqual(projectName, pj.name);
			}
			await n8n.startServer();
			timings.serverReadyMs = n8n.timings.serverReadyMs;
			await n8n.setupOwner();
		});

		await check('launch chromium', async () => {
			const t = Date.now();
			const l = await launch({ baseUrl: n8n.baseUrl });
			browser = l.browser;
			editor = new Editor(l.page);
			timings.browserLaunchMs = Date.now() - t;
			console.log(`# ${l.playwright.chromium.name()} ${browser.version()}`);
		});

		await check('sign in through the UI', async () => {
			const t = Date.now();
			await editor.signIn(n8n.owner);
			timings.signInMs = Date.now() - t;
		});

		await check('open a new workflow (screenshot editor-new-workflow.png)', async () => {
			const t = Date.now();
			await editor.newWorkflow();
			await editor.page.getByTestId('canvas-plus-button').waitFor();
			timings.newWorkflowMs = Date.now() - t;
			console.log(`# ${await editor.screenshot('editor-new-workflow')}`);
		});

		await check(`add "${dummy.displayName}" through the node creator`, async () => {
			const ndvOpen = await editor.addNode(dummy.displayName);
			if (!ndvOpen) await editor.openNode(dummy.displayName);
			await editor.parameter('destination').waitFor();
		});

		await check('the imported credential is selected in the node panel', async () => {
			console.log(`# auto-selected credential: ${JSON.stringify(await editor.selectedCredential())}`);
			await editor.selectCredential(CREDENTIAL.name);
			assert.strictEqual(await editor.selectedCredential(), CREDENTIAL.name);
		});

		await check('read the static dropdown options', async () => {
			assert.deepStrictEqual(await editor.dropdownOptions('mode'), ['Loud', 'Quiet']);
		});

		await check('read the loadOptions dropdown options and pick Amazon S3 (screenshot)', async () => {
			const opts = await editor.dropdownOptions('destination', { reopenNode: dummy.displayName });
			assert.deepStrictEqual(opts, ['Amazon S3', 'Azure Blob Storage', 'SFTP']);
			await editor.selectDropdownOption('destination', 'Amazon S3');
			assert.strictEqual(await editor.dropdownValue('destination'), 'Amazon S3');
			console.log(`# ${await editor.screenshot('community-node-ndv')}`);
		});

		await check('back on the canvas the node is there (screenshot)', async () => {
			await editor.closeNdv();
			await editor.canvasNode(dummy.displayName).waitFor();
			console.log(`# ${await editor.screenshot('canvas-with-community-node')}`);
		});

		if (WITH_PROJECT) {
			const all = (await n8n.nodeTypes()).filter((t) => t.name.startsWith(`${projectName}.`));
			// usableAsTool makes n8n derive a hidden "<name>Tool" type; the creator lists only the node
			const types = all.filter((t) => !(t.name.endsWith('Tool') && all.some((b) => `${b.name}Tool` === t.name)));
			const seen = new Set();
			for (const t of types) {
				if (seen.has(t.displayName)) continue; // one entry per node, not per version
				seen.add(t.displayName);
				await check(`project: add "${t.displayName}" through the node creator (screenshot)`, async () => {
					await editor.newWorkflow();
					const ndvOpen = await editor.addNode(t.displayName);
					const shot = `project-${t.name.split('.')[1]}`;
					console.log(`# ${await editor.screenshot(shot)}${ndvOpen ? '' : ' (no node panel: actions list?)'}`);
					if (ndvOpen) await editor.closeNdv();
					await editor.canvasNode(t.defaults && t.defaults.name ? t.defaults.name : t.displayName).waitFor();
				});
			}
		}
	} catch {
		/* reported by check() */
	} finally {
		if (browser) await browser.close().catch(() => {});
		await n8n.stop();
		if (dummy) dummy.cleanup();
		if (results.some((r) => !r.ok)) {
			console.log(`# server log tail:\n${n8n.serverLogTail(30)}`);
			process.env.E2E_KEEP = process.env.E2E_KEEP || '1';
		}
		n8n.cleanup();
	}
	timings.totalMs = Date.now() - t0;
	console.log(`# timings: ${JSON.stringify(timings)}`);
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
