/** Small HTTP helpers shared by the proxy and the thief: loopback only, bounded bodies. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				request.destroy();
				reject(new Error('request body too large'));
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

export async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, LOOPBACK, () => resolve());
	});
	return `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
}

export function assertLoopback(origin: string): URL {
	const url = new URL(origin);
	if (url.hostname !== LOOPBACK && url.hostname !== 'localhost') throw new Error(`not a loopback origin: ${origin}`);
	return url;
}

export interface Upstream {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	response.writeHead(status, {
		'content-type': typeof body === 'string' ? 'text/plain' : 'application/json;charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		'x-request-id': `fault-proxy-${Date.now().toString(36)}`,
		...headers,
	});
	response.end(text);
}
