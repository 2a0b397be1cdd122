// n8n-core logs every node error to the console; tests read errors from the run instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';

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
