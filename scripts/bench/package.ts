/**
 * The package as n8n gets it: the time n8n-core's PackageDirectoryLoader takes to load the built
 * nodes and credentials (in a fresh process, n8n-core itself already loaded), and the tarball.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../../test/harness/engine';
import type { Row } from './common';
import { fmt } from './common';

const LOAD_GOAL_MS = 50;
/** Fresh processes measured (after one unmeasured load, so that the files are in the OS cache). */
const ATTEMPTS = 10;

const LOADER_SCRIPT = `
const { PackageDirectoryLoader } = require('n8n-core');
(async () => {
	const started = process.hrtime.bigint();
	const loader = new PackageDirectoryLoader(process.argv[1]);
	await loader.loadAll();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const nodes = Object.keys(loader.nodeTypes).length;
	const credentials = Object.keys(loader.credentialTypes).length;
	console.log(JSON.stringify({ ms, nodes, credentials }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

export async function packageCases(): Promise<Row[]> {
	if (!existsSync(path.join(PACKAGE_ROOT, 'dist', 'nodes'))) {
		execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
	}
	const loads: Array<{ ms: number; nodes: number; credentials: number }> = [];
	for (let attempt = -1; attempt < ATTEMPTS; attempt++) {
		const output = execFileSync(process.execPath, ['-e', LOADER_SCRIPT, PACKAGE_ROOT], {
			cwd: PACKAGE_ROOT,
			env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
			encoding: 'utf8',
		});
		if (attempt >= 0) loads.push(JSON.parse(output.trim().split('\n').pop()!));
	}
	const best = Math.min(...loads.map((load) => load.ms));
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
	) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
	return [
		{
			name: "Package load in n8n-core's PackageDirectoryLoader",
			measured: `${fmt(best, 1)} ms best of ${ATTEMPTS} (${loads.map((l) => fmt(l.ms, 0)).join(', ')}); ${loads[0].nodes} nodes, ${loads[0].credentials} credentials`,
			goal: `< ${LOAD_GOAL_MS} ms`,
			ok: best < LOAD_GOAL_MS && loads[0].nodes > 0,
		},
		{
			name: 'Tarball (npm pack)',
			measured: `${fmt(packed[0].size / 1024, 1)} kB packed, ${fmt(packed[0].unpackedSize / 1024, 1)} kB unpacked, ${packed[0].entryCount} files`,
			goal: 'reported',
		},
	];
}
