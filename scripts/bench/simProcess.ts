/**
 * The simulation in its own process (`tsx sim/cli.ts`), so that its work (JSON, 10,000 datasets,
 * the added latency's timers) is not counted as the client's. Driven over its control API.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';

import type { RequestLogEntry } from '../../sim/store';

const ROOT = path.resolve(__dirname, '..', '..');
const STARTUP_TIMEOUT_MS = 30_000;

export interface SimProcessOptions {
	clientId: string;
	clientSecret: string;
	datasetCount: number;
}

export class SimProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {}

	get imsTokenUrl() {
		return `${this.url}/ims/token/v3`;
	}

	get gatewayUrl() {
		return this.url;
	}

	static async start(options: SimProcessOptions): Promise<SimProcess> {
		const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
		const child = spawn(
			tsx,
			[
				path.join(ROOT, 'sim', 'cli.ts'),
				'--port', '0',
				'--client-id', options.clientId,
				'--client-secret', options.clientSecret,
				'--dataset-count', String(options.datasetCount),
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
		);
		const url = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('the simulation did not start in time')), STARTUP_TIMEOUT_MS);
			let output = '';
			child.stdout!.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const line = /^(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(output);
				if (line) {
					clearTimeout(timer);
					resolve(line[1]);
				}
			});
			child.on('exit', (code) => reject(new Error(`the simulation exited with ${code}`)));
		});
		child.stdout!.resume();
		return new SimProcess(child, url);
	}

	private async control(method: string, route: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.url}/__sim/${route}`, {
			method,
			headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`simulation ${method} ${route}: ${response.status} ${await response.text()}`);
		return response.status === 204 ? undefined : await response.json();
	}

	async latency(ms: number): Promise<void> {
		await this.control('POST', 'faults/delay', { ms });
	}

	async throttle(count: number): Promise<void> {
		await this.control('POST', 'faults/throttle', { count, retryAfterSeconds: 0 });
	}

	/** Flow Service and IMS requests since the last `clearRequests`. */
	async requests(): Promise<RequestLogEntry[]> {
		return ((await this.control('GET', 'requests')) as { items: RequestLogEntry[] }).items;
	}

	async clearRequests(): Promise<void> {
		await this.control('DELETE', 'requests');
	}

	async reset(): Promise<void> {
		await this.control('POST', 'reset');
	}

	async addRun(flowId: string, run: { status: string; startedAtUTC?: number }): Promise<void> {
		await this.control('POST', `flows/${encodeURIComponent(flowId)}/runs`, run);
	}

	async close(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		await exited;
	}
}
