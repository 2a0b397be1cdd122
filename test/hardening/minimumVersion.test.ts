/**
 * The n8n version the README promises is the one the code needs: every value the package takes from
 * `n8n-workflow` at run time is listed here with the first n8n release that has it, and the README's
 * minimum is the latest of them. A new runtime import fails this test until its release is added.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/engine';

/** First n8n release exporting each runtime value (NodeConnectionTypes: n8n-io/n8n#14078, released in 1.85.0). */
const FIRST_RELEASE: Record<string, string> = {
	NodeApiError: '1.0.0',
	NodeOperationError: '1.0.0',
	updateDisplayOptions: '1.0.0',
	sleep: '1.0.0',
	NodeConnectionTypes: '1.85.0',
};

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
	});
}

function runtimeImports(): Set<string> {
	const names = new Set<string>();
	for (const file of [...sources(path.join(PACKAGE_ROOT, 'nodes')), ...sources(path.join(PACKAGE_ROOT, 'credentials'))]) {
		const text = readFileSync(file, 'utf8');
		for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'n8n-workflow'/g)) {
			for (const name of match[1].split(',').map((part) => part.trim()).filter(Boolean)) names.add(name);
		}
	}
	return names;
}

const compare = (a: string, b: string) => {
	const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
};

test('every runtime value from n8n-workflow has a known first release, and the README states the latest of them', () => {
	const imported = [...runtimeImports()].sort();
	expect(imported.filter((name) => !(name in FIRST_RELEASE))).toEqual([]);
	const minimum = imported.map((name) => FIRST_RELEASE[name]).sort(compare).pop()!;
	const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
	const [major, minor] = minimum.split('.');
	expect(readme).toContain(`it needs n8n ${major}.${minor} or later`);
});
