/**
 * The Segmentation service's audience list (`GET /data/core/ups/audiences`, Adobe's "audiences
 * endpoint" guide): `start`/`limit` paging, answered as `{children, _page: {totalCount, pageSize,
 * next}, _links}`. Every sandbox holds the same deterministic audiences; the first ones carry the
 * IDs Adobe's ad hoc activation examples use.
 */
import { plainError } from './errors';
import { uuidFrom } from './store';

export const AUDIENCES_PATH = '/data/core/ups/audiences';
const COUNT = 120;
const NAMED = [
	{ id: 'db8961e9-d52f-45bc-b3fb-76d0382a6851', name: 'High-value customers' },
	{ id: '3a1b2c3d-4e5f-6789-abcd-ef0123456789', name: 'Newsletter subscribers' },
	{ id: '7f04b2a6-5f7e-4e7f-9b3a-6d3c4e2a1b5c', name: 'Lapsed buyers (90 days)' },
];

function audience(index: number, sandboxName: string) {
	const named = NAMED[index];
	const id = named?.id ?? uuidFrom(`audience:${index}`);
	return {
		id,
		audienceId: id,
		name: named?.name ?? `Generated audience ${String(index).padStart(3, '0')}`,
		namespace: 'AEPSegments',
		description: named ? `${named.name}, for tests` : '',
		sandbox: { sandboxName, sandboxType: 'development' },
		lifecycleState: 'published',
		createdAt: 1700000000000 + index * 60_000,
	};
}

export function listAudiences(query: URLSearchParams, sandboxName: string) {
	const start = Number(query.get('start') ?? 0);
	const limit = Number(query.get('limit') ?? 20);
	if (!Number.isInteger(start) || start < 0) throw plainError(400, `start "${query.get('start')}" must be a whole number from 0`);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw plainError(400, `limit "${query.get('limit')}" must be a whole number from 1 to 100`);
	const children = [];
	for (let index = start; index < Math.min(COUNT, start + limit); index++) children.push(audience(index, sandboxName));
	const next = start + limit < COUNT ? String(start + limit) : undefined;
	return {
		status: 200,
		body: {
			children,
			_page: { totalCount: COUNT, pageSize: children.length, ...(next ? { next } : {}) },
			_links: next ? { next: { href: `@/audiences?start=${next}&limit=${limit}` } } : {},
		},
	};
}
