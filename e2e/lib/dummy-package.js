'use strict';
/**
 * Builds a throwaway n8n community package (one plain-JS node, no build step) in a temp dir
 * OUTSIDE the repo and packs it with `npm pack`. Used by the smoke checks to prove that a
 * tarball installed into $N8N_USER_FOLDER/.n8n/nodes is loaded by the real n8n.
 *
 * Shaped like the real package's nodes: a required credential type (e2eDummyApi), a static
 * dropdown, and a loadOptions dropdown that needs the credential, so the CLI, REST and browser
 * helpers are exercised the way the real tests will use them.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { packPackage } = require('./n8n');

const PACKAGE_NAME = 'n8n-nodes-e2e-dummy';
const NODE_NAME = 'e2eDummy';
const NODE_DISPLAY_NAME = 'E2E Dummy';
const CREDENTIAL_TYPE = 'e2eDummyApi';

const CREDENTIAL_SOURCE = `'use strict';
class E2eDummyApi {
	constructor() {
		this.name = ${JSON.stringify(CREDENTIAL_TYPE)};
		this.displayName = 'E2E Dummy API';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}
module.exports = { E2eDummyApi };
`;

const NODE_SOURCE = `'use strict';
class E2eDummy {
	constructor() {
		this.description = {
			displayName: ${JSON.stringify(NODE_DISPLAY_NAME)},
			name: ${JSON.stringify(NODE_NAME)},
			icon: 'fa:flask',
			group: ['transform'],
			version: 1,
			description: 'Throwaway node used by the e2e smoke check',
			defaults: { name: ${JSON.stringify(NODE_DISPLAY_NAME)} },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: ${JSON.stringify(CREDENTIAL_TYPE)}, required: true }],
			properties: [
				{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hello' },
				{
					displayName: 'Mode',
					name: 'mode',
					type: 'options',
					options: [
						{ name: 'Loud', value: 'loud' },
						{ name: 'Quiet', value: 'quiet' },
					],
					default: 'quiet',
				},
				{
					displayName: 'Destination Name or ID',
					name: 'destination',
					type: 'options',
					description: 'Choose from the list, or specify an ID using an expression',
					typeOptions: { loadOptionsMethod: 'getDestinations' },
					default: '',
				},
			],
		};
		this.methods = {
			loadOptions: {
				async getDestinations() {
					// like the real package: dynamic options need the credential
					const credentials = await this.getCredentials(${JSON.stringify(CREDENTIAL_TYPE)});
					if (!credentials.apiKey) throw new Error('e2eDummyApi has no apiKey');
					return [
						{ name: 'Amazon S3', value: 's3' },
						{ name: 'Azure Blob Storage', value: 'azure_blob' },
						{ name: 'SFTP', value: 'sftp' },
					];
				},
			},
		};
	}

	async execute() {
		const credentials = await this.getCredentials(${JSON.stringify(CREDENTIAL_TYPE)});
		const items = this.getInputData();
		const out = items.map((item, i) => {
			const greeting = this.getNodeParameter('greeting', i);
			const mode = this.getNodeParameter('mode', i);
			return {
				json: {
					...item.json,
					greeting: mode === 'loud' ? String(greeting).toUpperCase() : greeting,
					destination: this.getNodeParameter('destination', i),
					fromDummyPackage: true,
					apiKeyLength: String(credentials.apiKey).length,
				},
				pairedItem: { item: i },
			};
		});
		return [out];
	}
}
module.exports = { E2eDummy };
`;

/**
 * Writes the package and packs it.
 * Returns { tgz, dir, packageName, nodeName, nodeType, displayName, credentialType, cleanup }.
 * @param {{ baseDir?: string }} [opts]
 */
async function buildDummyPackage(opts = {}) {
	const baseDir = opts.baseDir || fs.mkdtempSync(path.join(os.tmpdir(), 'aep-e2e-dummy-'));
	const dir = path.join(baseDir, 'pkg');
	const nodeDir = path.join(dir, 'dist', 'nodes', 'E2eDummy');
	const credDir = path.join(dir, 'dist', 'credentials');
	fs.mkdirSync(nodeDir, { recursive: true });
	fs.mkdirSync(credDir, { recursive: true });
	fs.writeFileSync(path.join(nodeDir, 'E2eDummy.node.js'), NODE_SOURCE);
	fs.writeFileSync(path.join(credDir, 'E2eDummyApi.credentials.js'), CREDENTIAL_SOURCE);
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: PACKAGE_NAME,
				version: '0.0.1',
				description: 'Throwaway n8n community package for the e2e smoke check',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/E2eDummyApi.credentials.js'],
					nodes: ['dist/nodes/E2eDummy/E2eDummy.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	const tgz = await packPackage(dir, baseDir);
	return {
		tgz,
		dir,
		packageName: PACKAGE_NAME,
		nodeName: NODE_NAME,
		nodeType: `${PACKAGE_NAME}.${NODE_NAME}`,
		displayName: NODE_DISPLAY_NAME,
		credentialType: CREDENTIAL_TYPE,
		cleanup: () => fs.rmSync(baseDir, { recursive: true, force: true }),
	};
}

module.exports = { buildDummyPackage, PACKAGE_NAME, NODE_NAME, NODE_DISPLAY_NAME, CREDENTIAL_TYPE };
