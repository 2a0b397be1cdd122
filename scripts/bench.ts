/**
 * `npm run bench`: request counts, ratios, wall time and memory of the package's jobs, on n8n's
 * real engine against the local simulation running in its own process (with added latency where a
 * goal is about latency). Every goal is a ratio or a count measured in this same run; the run
 * exits non-zero when one is missed. The last line is `bench: N passed, N failed`.
 */
// before anything loads n8n-core: its settings file goes to a temporary folder, not ~/.n8n
import './n8n-scratch-folder';
import { benchContext } from './bench/common';
import type { Row } from './bench/common';
import { dropdownCases } from './bench/dropdowns';
import { listingCases } from './bench/listing';
import { packageCases } from './bench/package';
import { patchCases } from './bench/patch';
import { pipelineCases } from './bench/pipeline';
import { SimProcess } from './bench/simProcess';
import { CLIENT_ID, CLIENT_SECRET } from './bench/common';

/** Latency added to every answer for the pipeline, patch and dropdown cases (the figure). */
const LATENCY_MS = 80;
const DATASETS = 10_000;

const SECTIONS: Array<[string, (context: ReturnType<typeof benchContext>) => Promise<Row[]>]> = [
	['pipeline', async (context) => await pipelineCases(context, LATENCY_MS)],
	['patch', async (context) => await patchCases(context, LATENCY_MS)],
	['dropdowns', async (context) => await dropdownCases(context, LATENCY_MS)],
	['listing', async (context) => await listingCases(context, DATASETS)],
	['package', async () => await packageCases()],
];

function printTable(rows: Row[]) {
	const status = (row: Row) => (row.ok === undefined ? 'info' : row.ok ? 'ok' : 'MISS');
	const width = (pick: (row: Row) => string) => Math.max(...rows.map((row) => pick(row).length));
	const nameWidth = Math.min(60, width((row) => row.name));
	console.log(`${'status'.padEnd(6)} | ${'case'.padEnd(nameWidth)} | measured | goal`);
	for (const row of rows) {
		console.log(`${status(row).padEnd(6)} | ${row.name.padEnd(nameWidth)} | ${row.measured} | ${row.goal}`);
	}
}

async function main() {
	const only = process.argv.slice(2);
	const started = Date.now();
	const sim = await SimProcess.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, datasetCount: DATASETS });
	const rows: Row[] = [];
	try {
		const context = benchContext(sim);
		for (const [name, run] of SECTIONS) {
			if (only.length && !only.includes(name)) continue;
			try {
				rows.push(...(await run(context)));
			} catch (error) {
				rows.push({ name: `${name}: did not finish`, measured: (error as Error).message, goal: 'runs', ok: false });
			}
		}
	} finally {
		await sim.close();
	}
	printTable(rows);
	const failed = rows.filter((row) => row.ok === false).length;
	const passed = rows.filter((row) => row.ok === true).length;
	console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s; the simulation ran in its own process)`);
	console.log(`bench: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
	console.error(error);
	console.log('bench: 0 passed, 1 failed');
	process.exitCode = 1;
});
