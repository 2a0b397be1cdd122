// Everything that is code is linted, with inline disables refused everywhere:
// - the shipped package (nodes/, credentials/, package.json) under n8n's community-node rules, as n8n's
//   verification scanner applies them (npm run scan runs the scanner itself on the tarball);
// - the development code (sim/, scripts/, e2e/, test/, the config files) under ESLint's and typescript-eslint's
//   recommended rules.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import globals from 'globals';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

const shippedTs = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const devTs = ['sim/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'];

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'examples/**', 'e2e/artifacts/**'] },
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' } },

	// the shipped package: n8n's community rules
	{
		files: shippedTs,
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{ files: [...shippedTs, 'package.json'], ...n8nCommunityNodesPlugin.configs.recommended },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Superseded by the newer community rule, which accepts full documentation URLs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two ask for the string 'main'; the newer community rule asks for NodeConnectionTypes.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},

	// development TypeScript: the simulation, the scripts, the tests
	...tseslint.configs.recommended.map((config) => ({ ...config, files: devTs })),
	{
		files: devTs,
		languageOptions: { globals: { ...globals.node } },
		rules: {
			// ignoreRestSiblings: `const { path: _path, ...rest } = x` is how a test drops one field
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
			],
		},
	},
	// tests (jest globals)
	{ files: ['test/**/*.ts'], languageOptions: { globals: { ...globals.jest } } },
	{
		// The simulation's tests read Adobe's examples and the simulation's answers as parsed JSON and
		// assert their exact values; typing every shape they touch would restate the simulation's types.
		files: ['test/sim/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		// The harness loads the classes package.json's `n8n` section names, synchronously, from a path known
		// only at run time (under jest's transform or tsx): a runtime load, not an import.
		files: ['test/harness/engine.ts'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},

	// development JavaScript: the end-to-end tests (CommonJS, type-checked through e2e/tsconfig.json) and configs
	{ files: ['e2e/**/*.js', '*.js'], ...js.configs.recommended },
	{
		files: ['e2e/**/*.js', '*.js'],
		languageOptions: {
			sourceType: 'commonjs',
			ecmaVersion: 2022,
			// `document`: the callbacks handed to Playwright's page.evaluate run in the browser
			globals: { ...globals.node, document: 'readonly' },
		},
		rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
	},
	{ files: ['*.mjs'], ...js.configs.recommended },
	{ files: ['*.mjs'], languageOptions: { sourceType: 'module', globals: { ...globals.node } } },
];
