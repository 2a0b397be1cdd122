/**
 * `npm run scan`: the lint gate of n8n's verification scanner (`@n8n/scan-community-package`, pinned in
 * devDependencies), run the way n8n runs it before verifying a community package, without the registry:
 *   1. on the `npm pack` tarball (the files a user's n8n installs), every .js, .ts and .json file in it;
 *   2. on the shippable sources: `package.json`, `nodes/`, `credentials/`.
 * The scanner's other half (npm provenance, fetching the attested GitHub source) needs a published
 * version; the publish workflow provides the provenance. Needs `npm run build` first.
 * Prints each violation and ends with `scan: N passed, N failed`; exits 1 on a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = path.resolve(__dirname, '..');

/** Packs the project as `npm publish` would and unpacks the tarball into `<work>/package`. */
function packAndUnpack(work: string): string {
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
	const tarball = path.join(work, out.trim().split('\n').pop() ?? '');
	if (!existsSync(tarball)) throw new Error(`npm pack produced no tarball (${out.trim()})`);
	const unpacked = path.join(work, 'unpacked');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
	return path.join(unpacked, 'package');
}

async function main() {
	if (!existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const work = mkdtempSync(path.join(os.tmpdir(), 'aep-scan-'));
	let passed = 0;
	let failed = 0;
	try {
		const packageDir = packAndUnpack(work);
		const shipped = readdirSync(packageDir, { recursive: true, encoding: 'utf8' });
		const checks: Array<[string, string, string[] | undefined]> = [
			[`tarball (${shipped.length} entries)`, packageDir, undefined],
			['sources (package.json, nodes/, credentials/)', ROOT, SOURCE_FILE_PATTERNS],
		];
		for (const [label, dir, patterns] of checks) {
			const result = await analyzePackage(dir, patterns);
			if (result.passed) {
				passed++;
				console.log(`✓ scanner lint gate: ${label}`);
			} else {
				failed++;
				console.log(`✗ scanner lint gate: ${label}: ${result.message ?? 'failed'}`);
				if (result.details) console.log(result.details);
			}
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	console.log(`scan: ${passed} passed, ${failed} failed`);
	if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	console.log('scan: 0 passed, 1 failed');
	process.exitCode = 1;
});
