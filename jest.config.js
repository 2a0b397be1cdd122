const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core logs every node error to the console; tests read errors from the run instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
// n8n-core's InstanceSettings writes an encryption key to $N8N_USER_FOLDER/.n8n/config (default: the
// home folder, where a real n8n would pick it up): the workers inherit a temporary folder instead.
if (!process.env.N8N_USER_FOLDER) {
	const folder = mkdtempSync(path.join(os.tmpdir(), 'aep-jest-n8n-user-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}

/** Jest runs the TypeScript sources through ts-jest; the workflow tests use n8n-core's real engine. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/faults'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
	testTimeout: 30000,
	// n8n-core registers process-wide singletons; one worker per file keeps them isolated.
	maxWorkers: 2,
};
