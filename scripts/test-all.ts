/**
 * `npm run test:all`: every check, in order, each through its own npm script, then ONE total line.
 *
 *   typecheck, lint, build        one check each (passed when the script exits 0)
 *   scan                          n8n's verification scanner lint gate   "scan: N passed, N failed"
 *   test (jest)                   unit and workflow tests                "Tests: … N failed, … N passed"
 *   test:e2e                      the package inside real n8n            "e2e: N passed, N failed"
 *   test:queue                    real n8n in queue mode (Postgres, Redis) "queue: N passed, N failed"
 *   faults                        fault injection: one check per goal    "faults: N passed, N failed"
 *   bench                         speed and memory goals                 "bench: N passed, N failed"
 *
 * Every step runs even when an earlier one failed, so one run shows everything that is broken. A runner
 * that exits non-zero without reporting a failure (it crashed, or printed no result line) counts one
 * failure. The last line is `total: N passed, N failed`; the exit code is 1 when N failed > 0.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import './n8n-scratch-folder';

const ROOT = path.resolve(__dirname, '..');

interface Step {
	script: string;
	/** How to read the runner's own counts from its output; absent: the step is one check. */
	counts?: (output: string) => Counts | undefined;
}

interface Counts {
	passed: number;
	failed: number;
}

/** The last `<label>: N passed, N failed` line a runner printed. */
function resultLine(label: string) {
	return (output: string): Counts | undefined => {
		const matches = [...output.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed$`, 'gm'))];
		const last = matches.at(-1);
		return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
	};
}

/** Jest's summary, e.g. `Tests:       2 failed, 1 skipped, 310 passed, 313 total`. */
function jestCounts(output: string): Counts | undefined {
	// eslint's no-control-regex forbids the escape character in a regex literal; build it from a string
	const plain = output.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '');
	const line = [...plain.matchAll(/^Tests:\s+(.*)$/gm)].at(-1)?.[1];
	if (!line) return undefined;
	const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
	const suites = [...plain.matchAll(/^Test Suites:\s+(.*)$/gm)].at(-1)?.[1] ?? '';
	const failedSuites = Number(/(\d+) failed/.exec(suites)?.[1] ?? 0);
	// a suite that fails to load reports no failed test; count the suite then
	return { passed: count('passed'), failed: Math.max(count('failed'), failedSuites) };
}

const STEPS: Step[] = [
	{ script: 'typecheck' },
	{ script: 'lint' },
	{ script: 'build' },
	{ script: 'scan', counts: resultLine('scan') },
	{ script: 'test', counts: jestCounts },
	{ script: 'test:e2e', counts: resultLine('e2e') },
	{ script: 'test:queue', counts: resultLine('queue') },
	{ script: 'faults', counts: resultLine('faults') },
	{ script: 'bench', counts: resultLine('bench') },
];

/** Runs `npm run <script>`, showing its output as it comes and keeping a copy to read the counts from. */
function run(script: string): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		const chunks: string[] = [];
		child.stdout.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			chunks.push(chunk.toString('utf8'));
		});
		child.stderr.on('data', (chunk: Buffer) => {
			process.stderr.write(chunk);
			chunks.push(chunk.toString('utf8'));
		});
		child.on('error', (error) => {
			chunks.push(String(error));
			resolve({ code: 1, output: chunks.join('') });
		});
		child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: chunks.join('') }));
	});
}

function seconds(since: number): string {
	return `${Math.round((Date.now() - since) / 1000)}s`;
}

async function main() {
	const started = Date.now();
	const rows: string[] = [];
	let passed = 0;
	let failed = 0;
	for (const step of STEPS) {
		const stepStarted = Date.now();
		console.log(`\n=== test:all: npm run ${step.script} (${new Date().toISOString().slice(11, 19)})`);
		const { code, output } = await run(step.script);
		let counts: Counts;
		let note = '';
		if (!step.counts) {
			counts = code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
		} else {
			const reported = step.counts(output);
			if (!reported) {
				counts = { passed: 0, failed: 1 };
				note = ` (no result line, exit ${code})`;
			} else if (code !== 0 && reported.failed === 0) {
				counts = { passed: reported.passed, failed: 1 };
				note = ` (exit ${code} with no failure reported)`;
			} else {
				counts = reported;
			}
		}
		passed += counts.passed;
		failed += counts.failed;
		rows.push(`  ${step.script.padEnd(10)} ${counts.passed} passed, ${counts.failed} failed  ${seconds(stepStarted)}${note}`);
	}
	console.log(`\n=== test:all summary (${seconds(started)})`);
	for (const row of rows) console.log(row);
	console.log(`total: ${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
	console.error(error);
	console.log('total: 0 passed, 1 failed');
	process.exitCode = 1;
});
