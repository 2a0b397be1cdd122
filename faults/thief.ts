/** A loopback server that records every request a redirect brings to it (headers and bodies) and answers 404. */
import { createServer } from 'node:http';

import { json, listen, readBody } from './http';

export interface TheftRecord {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export class ThiefServer {
	url = '';
	readonly stolen: TheftRecord[] = [];
	private readonly server = createServer((request, response) => {
		readBody(request)
			.then((body) => {
				this.stolen.push({ method: request.method ?? '', url: request.url ?? '', headers: { ...request.headers }, body: body.toString('utf8') });
				json(response, 404, { message: 'Nothing here' });
			})
			.catch(() => response.destroy());
	});

	async start(): Promise<this> {
		this.url = await listen(this.server);
		return this;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}
