/**
 * Everything the package or n8n writes while the suite runs: console methods and n8n's logger
 * (LoggerProxy), kept in memory for the secret scan; the suite prints through `print` only.
 */
import { LoggerProxy } from 'n8n-workflow';
import { format } from 'node:util';

export class LogCapture {
	private text = '';
	private scanned = 0;
	private readonly originals: Partial<Record<'log' | 'info' | 'warn' | 'error' | 'debug', (...args: unknown[]) => void>> = {};

	private readonly writes: Array<[NodeJS.WriteStream, NodeJS.WriteStream['write']]> = [];

	install(): void {
		// n8n-core's own logger writes to the streams directly, not through console.
		for (const [stream, name] of [[process.stdout, 'stdout'], [process.stderr, 'stderr']] as const) {
			const original = stream.write.bind(stream);
			this.writes.push([stream, stream.write]);
			realWrites[name] = original;
			stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
				this.add(name, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
				const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
				callback?.();
				return true;
			}) as NodeJS.WriteStream['write'];
		}
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			this.originals[method] = console[method];
			console[method] = (...args: unknown[]) => this.add(`console.${method}`, format(...args));
		}
		this.hookLogger();
	}

	/** (Re)points n8n's LoggerProxy here: n8n-core's own Logger re-initialises it when it is created. */
	hookLogger(): void {
		const logger = (level: string) => (message: string, meta?: object) =>
			this.add(`n8n logger ${level}`, `${message} ${meta ? safeJson(meta) : ''}`);
		LoggerProxy.init({
			error: logger('error'),
			warn: logger('warn'),
			info: logger('info'),
			debug: logger('debug'),
			scoped: () => LoggerProxy as never,
		} as never);
	}

	uninstall(): void {
		for (const [stream, write] of this.writes) stream.write = write;
		this.writes.length = 0;
		for (const [method, original] of Object.entries(this.originals)) {
			(console as unknown as Record<string, unknown>)[method] = original;
		}
	}

	private add(source: string, line: string): void {
		this.text += `[${source}] ${line}\n`;
		if (this.text.length > 20_000_000) this.text = this.text.slice(-10_000_000);
		if (this.scanned > this.text.length) this.scanned = 0;
	}

	/** What was written since the last call. */
	takeNew(): string {
		const fresh = this.text.slice(this.scanned);
		this.scanned = this.text.length;
		return fresh;
	}

	get length(): number {
		return this.text.length;
	}
}

function safeJson(value: unknown): string {
	try {
		const seen = new WeakSet<object>();
		return JSON.stringify(value, (_key, v: unknown) => {
			if (v && typeof v === 'object') {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
				if (v instanceof Error) return { ...v, name: v.name, message: v.message };
			}
			return v;
		});
	} catch {
		return String(value);
	}
}

const realWrites: { stdout?: (text: string) => boolean; stderr?: (text: string) => boolean } = {};

/** Writes to the real stdout, whatever the capture does. */
export function print(line = ''): void {
	(realWrites.stdout ?? process.stdout.write.bind(process.stdout))(`${line}\n`);
}
