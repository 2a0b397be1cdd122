#!/usr/bin/env node
'use strict';
/**
 * Browser e2e: the package in the REAL n8n editor (n8n 2.41.1 `n8n start`, Debian chromium via
 * playwright-core), against the local Flow Service simulation.
 *
 * Installs the `npm pack` tarball, imports the Adobe credential, starts n8n, signs in through the UI, then:
 *  - findability: the node creator and "Add new credential" searches for "adobe", "aep", "adobe
 *    experience platform" (node, trigger, every credential) and "export", "destination", "dataflow",
 *    "dataset", "audience" (the node);
 *  - adds the node's "Create target connection" action through the node creator (n8n names the canvas
 *    node after the action), attaches the credential, picks Amazon S3 from the simulation's list and
 *    sees its target fields as the connection spec titles them; saves and reads the workflow back;
 *  - adds "Create base connection", picks Amazon S3: its auth methods and the storage credentials that fit;
 *  - adds "Create source connection": one request per screen of datasets, a search by name, the pick saved
 *    with its name;
 *  - executes the target step with Bucket name "My_Bucket": the rule in words, nothing sent;
 *  - changes the saved credential's secret to a wrong one and saves: n8n's test fails.
 * Screenshots: e2e/artifacts/aep-*.png (aep-FAILED-*.png on a failure); old ones are removed first.
 *
 * Run by e2e/test.sh; alone: `npm run build && node e2e/editor.e2e.js`.
 * Prints one line per check and `editor.e2e: N passed, N failed`; exits 1 on a failure.
 */
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { isDeepStrictEqual } = require('util');

const { N8n } = require('./lib/n8n');
const { ARTIFACTS, launch } = require('./lib/browser');
const { AepEditor } = require('./lib/aep-editor');
const { AMAZON_S3_SPEC_ID, Checks, PACKAGE_NAME, Sim, packageTarball } = require('./lib/aep');
const { datasetPickerChecks } = require('./editor/datasetPicker');
const { findabilityChecks } = require('./editor/findability');

const SANDBOX = 'e2e-editor';
/** Named as the README tells users to keep it. */
const AEP_CREDENTIAL = { id: 'aepSimCredential', name: 'Adobe Experience Platform (AEP) API account' };
/** The node, and its actions: n8n names a node added through an action after the action. */
const NODE = 'Adobe Experience Platform';
const TARGET = 'Create target connection';
const BASE = 'Create base connection';
/** The destinations of the simulation's catalogue (fixtures/connectionSpecs) that take dataset exports. */
const DATASET_DESTINATIONS = ['Amazon S3', 'Azure Blob Storage', 'Azure Data Lake Gen2', 'Data Landing Zone', 'Google Cloud Storage', 'SFTP'];

const checks = new Checks('editor.e2e');
const check = checks.check.bind(checks);
let editor;
checks.onFailure = async (name) => {
	if (!editor) return;
	const file = await editor.screenshot(`aep-FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}`);
	console.log(`     screenshot: ${file}`);
};

/** The choices of a JSON-schema property as the node lists them (enum, or oneOf/anyOf consts). */
function enumOf(property) {
	if (Array.isArray(property.enum)) return property.enum.map(String);
	const alternatives = property.oneOf || property.anyOf || [];
	return alternatives.map((a) => String(a.const));
}

async function main() {
	const t0 = Date.now();
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	for (const f of fs.readdirSync(ARTIFACTS)) if (/^aep-.*\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
	const sim = await Sim.connect({ sandbox: SANDBOX });
	const n8n = await N8n.create();
	console.log(`# n8n run folder ${n8n.baseDir}, simulation ${sim.url} (sandbox ${SANDBOX})`);
	/** @type {any} a playwright-core Browser */
	let browser;
	const shots = [];
	const shot = async (name) => {
		const file = await editor.settledScreenshot(name);
		shots.push(path.relative(process.cwd(), file));
		console.log(`#   screenshot ${path.relative(process.cwd(), file)}`);
	};
	const state = {};
	try {
		await check(
			'install the npm pack tarball, import the Adobe credential, n8n start, owner setup',
			async () => {
				const installed = await n8n.installPackage(await packageTarball(path.join(n8n.baseDir, 'pack')));
				assert.strictEqual(installed.name, PACKAGE_NAME);
				await n8n.importCredentials([{ ...AEP_CREDENTIAL, type: 'aepPlatformApi', data: sim.credentialData() }]);
				await n8n.startServer();
				console.log(`#   server ready in ${n8n.timings.serverReadyMs} ms`);
				await n8n.setupOwner();
				await n8n.login();
			},
			{ fatal: true },
		);

		await check('the simulation serves the Amazon S3 connection spec (expected labels and choices)', async () => {
			const spec = await sim.entity('connectionSpecs', AMAZON_S3_SPEC_ID);
			assert.strictEqual(spec.name, 'Amazon S3');
			const properties = spec.targetSpec.spec.properties;
			// a dataset export shows datasetFileType; fileType and csvOptions are for audiences / CSV only
			state.targetFields = ['bucketName', 'path', 'datasetFileType', 'compression'].map((id) => ({ id, label: properties[id].title }));
			assert.deepStrictEqual(
				state.targetFields.map((f) => f.label),
				['Bucket name', 'Folder path', 'File Type', 'Compression format'],
			);
			state.choices = { datasetFileType: enumOf(properties.datasetFileType), compression: enumOf(properties.compression) };
			state.authMethods = spec.authSpec.map((a) => a.name);
			assert.deepStrictEqual(state.authMethods, ['Access Key']);
		});

		await check('launch chromium and sign in through the UI', async () => {
			const l = await launch({ baseUrl: n8n.baseUrl });
			browser = l.browser;
			editor = new AepEditor(l.page);
			await editor.signIn(n8n.owner);
		}, { fatal: true });

		await findabilityChecks({ check, editor, NODE }); // e2e/editor/findability.js

		await check(`new workflow: add "${TARGET}" through the node creator, attach the credential`, async () => {
			await editor.newWorkflow();
			if (!(await editor.addNode(NODE, { action: TARGET }))) await editor.openNode(TARGET);
			await editor.selectCredential(AEP_CREDENTIAL.name);
			assert.strictEqual(await editor.selectedCredential(), AEP_CREDENTIAL.name);
		}, { fatal: true });

		await check('the Destination list is the simulation\'s dataset destinations (screenshot)', async () => {
			let names;
			try {
				names = await editor.resourceLocatorOptions('destination', { timeoutMs: 10_000 });
			} catch (e) {
				// the editor may have asked before the credential was attached: ask again
				console.log(`#   destination list empty at first (${String(e instanceof Error ? e.message : e).split('\n')[0]}); reopening the node panel`);
				await editor.closeNdv();
				await editor.openNode(TARGET);
				names = await editor.resourceLocatorOptions('destination');
			}
			assert.deepStrictEqual(names, DATASET_DESTINATIONS);
			await shot('aep-target-destination-list');
			// the sandbox is this test's alone: whatever it logged, the editor asked
			const asked = (await sim.requests()).filter((r) => r.method === 'GET').map((r) => r.path);
			assert.ok(
				asked.some((p) => p.startsWith('/data/foundation/flowservice/connectionSpecs') || p.startsWith('/data/foundation/flowservice/flowSpecs')),
				`the list was not fetched from the simulation (requests: ${asked.join(', ') || 'none'})`,
			);
		});

		await check('pick Amazon S3: the target fields appear, labelled as the spec titles them (screenshot)', async () => {
			await editor.selectResourceLocatorItem('destination', 'Amazon S3');
			// The fields must follow the Destination live, without reopening the node panel.
			const { fields } = await editor.waitResourceMapperFields({ liveMs: 10_000 });
			assert.deepStrictEqual(fields, state.targetFields);
			assert.strictEqual(await editor.resourceLocator('destination').getByTestId('rlc-input').inputValue(), 'Amazon S3');
			await shot('aep-target-connection-s3-fields');
		});

		await check('the file type and compression fields offer the spec\'s choices', async () => {
			for (const id of ['datasetFileType', 'compression']) {
				const { names } = await editor.optionNames(id);
				assert.deepStrictEqual(names, state.choices[id], id);
			}
			await editor.fillParameter('name', 'Amazon S3 dataset export target');
			await editor.fillParameter('bucketName', 'my-aep-exports');
			await editor.fillParameter('path', 'datasets');
			await editor.selectDropdownOption('datasetFileType', 'PARQUET');
			await editor.selectDropdownOption('compression', 'GZIP');
			await shot('aep-target-connection-s3-filled');
		});

		await check('save the workflow: n8n stores the node with the picked destination and the target values', async () => {
			await editor.closeNdv();
			await editor.page.keyboard.press('Control+s');
			await editor.page.waitForURL((url) => /\/workflow\/(?!new)[^/]+/.test(url.pathname), { timeout: 15_000 });
			const id = new URL(editor.page.url()).pathname.split('/').filter(Boolean)[1];
			state.workflowId = id;
			const expectedValues = { bucketName: 'my-aep-exports', path: 'datasets', datasetFileType: 'PARQUET', compression: 'GZIP' };
			// the save request may still be on its way: read until the values are there (or time out)
			let node;
			const deadline = Date.now() + 15_000;
			for (;;) {
				const workflow = await n8n.restData('GET', `/rest/workflows/${id}`);
				node = workflow.nodes.find((n) => n.name === TARGET);
				const values = node && node.parameters.targetParameters && node.parameters.targetParameters.value;
				if (Date.now() > deadline || isDeepStrictEqual(values, expectedValues)) break;
				await editor.page.waitForTimeout(300);
			}
			assert.ok(node, `workflow ${id} has no saved "${TARGET}" node`);
			assert.strictEqual(node.type, `${PACKAGE_NAME}.adobeExperiencePlatform`);
			assert.strictEqual(node.parameters.resource, 'targetConnection');
			// n8n saves no parameter that holds its default: Create is Target Connection's default operation
			assert.ok([undefined, 'create'].includes(node.parameters.operation), `operation ${node.parameters.operation}`);
			assert.deepStrictEqual(node.credentials, { aepPlatformApi: AEP_CREDENTIAL });
			assert.strictEqual(node.parameters.destination.value, AMAZON_S3_SPEC_ID);
			assert.strictEqual(node.parameters.destination.mode, 'list');
			assert.strictEqual(node.parameters.name, 'Amazon S3 dataset export target');
			assert.deepStrictEqual(node.parameters.targetParameters.value, expectedValues);
			await editor.canvasNode(TARGET).waitFor();
			await shot('aep-canvas-target-connection');
		});

		await check(`new workflow: add "${BASE}", pick Amazon S3, its auth methods are offered (screenshot)`, async () => {
			await editor.newWorkflow();
			if (!(await editor.addNode(NODE, { action: BASE }))) await editor.openNode(BASE);
			await editor.selectCredential(AEP_CREDENTIAL.name);
			await editor.selectResourceLocatorItem('destination', 'Amazon S3');
			const { names } = await editor.optionNames('authMethod', { reopenNode: BASE, keepOpen: true });
			// an empty choice says what it means: the destination's only auth method
			assert.deepStrictEqual(names, [`Automatic (${state.authMethods[0]}, the Only One)`, ...state.authMethods]);
			await shot('aep-base-connection-auth-methods');
			await editor.closeDropdown('authMethod');
			await editor.selectOptionByName('authMethod', 'Access Key');
			assert.strictEqual(await editor.dropdownValue('authMethod'), 'Access Key');
			// only the storage credentials that fit Amazon S3's Access Key are offered (and the custom JSON one)
			const storage = await editor.optionNames('storageCredential', { reopenNode: BASE });
			console.log(`#   storage credential choices: ${JSON.stringify(storage.names)}`);
			assert.deepStrictEqual(storage.names, ['Amazon S3 Access Key', 'Custom JSON (Any Destination or Auth Method)']);
			await shot('aep-base-connection-storage-credentials');
			assert.strictEqual(await editor.dropdownValue('storageCredential'), 'Amazon S3 Access Key');
			const slots = await editor.page.getByTestId('ndv').getByTestId('credentials-label').allInnerTexts();
			assert.ok(
				slots.some((s) => s.includes('Amazon S3 Access Key for Adobe Experience Platform (AEP) API')),
				`no Amazon S3 credential slot (slots: ${JSON.stringify(slots)})`,
			);
		});

		await datasetPickerChecks({ check, editor, n8n, sim, shot, NODE, AEP_CREDENTIAL }); // e2e/editor/datasetPicker.js

		await check('a bad bucket name: executing the step shows the rule in words, not a pattern (screenshot)', async () => {
			await editor.openWorkflow(state.workflowId);
			await editor.openNode(TARGET);
			await editor.fillParameter('baseConnectionId', '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d');
			await editor.fillParameter('bucketName', 'My_Bucket');
			await editor.page.getByTestId('node-execute-button').first().click();
			// the label "Bucket name" is on the form already: wait for the rule in the output pane
			await editor.page.getByTestId('ndv').getByText(/3-63 characters/).first().waitFor({ timeout: 60_000 });
			const shown = await editor.page.getByTestId('ndv').innerText();
			const message = shown.split('\n').find((line) => /3-63 characters/.test(line)) || '';
			console.log(`#   shown: ${message}`);
			assert.match(message, /Bucket name/);
			assert.match(message, /My_Bucket/);
			assert.match(message, /3-63 characters: lower-case letters, digits, dots and hyphens/);
			assert.match(message, /e\.g\. my-exports/);
			assert.ok(!/\^\[|\$\//.test(message), `a regular expression is shown: ${message}`);
			await shot('aep-target-connection-bad-bucket');
			// nothing was sent: the check runs before any request
			const posts = (await sim.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/targetConnections'));
			assert.deepStrictEqual(posts, []);
			await editor.closeNdv();
		});

		await check('the Adobe credential with its secret changed to a wrong one: saving tests it, and the test fails (screenshot)', async () => {
			const { page } = editor;
			const imsBefore = (await sim.allRequests()).filter((r) => r.path === '/ims/token/v3').length;
			await page.goto('/home/credentials');
			await editor.dismissModals();
			await page.getByText(AEP_CREDENTIAL.name, { exact: true }).first().click();
			const secret = page.getByTestId('parameter-input-clientSecret').locator('input').first();
			await secret.waitFor();
			await secret.fill('wrong-secret-e2e');
			await page.getByTestId('credential-save-button').click();
			await page.getByText(/Couldn.t connect with these settings/).first().waitFor({ timeout: 30_000 });
			await shot('aep-credential-wrong-secret');
			// a new token was asked for with the new secret (the one n8n kept was not reused), and refused
			const ims = (await sim.allRequests()).filter((r) => r.path === '/ims/token/v3').slice(imsBefore);
			assert.ok(ims.length >= 1 && ims.every((r) => r.status >= 400), JSON.stringify(ims));
		});
	} catch (e) {
		checks.crashed(e);
	} finally {
		if (browser) await browser.close().catch(() => {});
		await n8n.stop().catch(() => {});
		await sim.close();
		if (checks.failed) {
			console.log(`# server log tail:\n${n8n.serverLogTail(30)}`);
			process.env.E2E_KEEP = process.env.E2E_KEEP || '1';
		}
		n8n.cleanup();
	}
	console.log(`# screenshots: ${shots.join(', ') || 'none'}`);
	console.log(`# total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	checks.finish();
}

main().catch((e) => {
	console.error(e);
	console.log('editor.e2e: 0 passed, 1 failed');
	process.exit(1);
});
