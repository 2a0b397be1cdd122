/**
 * Audiences from the Segmentation service (`GET /data/core/ups/audiences`, Adobe's "audiences
 * endpoint" guide): pages of `children` read with `start`/`limit`, the next start in `_page.next`.
 */
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import type { AepContext } from '../transport';
import { aepRequest } from '../transport';
import { PLATFORM_PATHS } from './paths';

const AUDIENCE_PAGE_SIZE = 100;
/** Pages one listing reads at most (100 000 audiences). */
const MAX_AUDIENCE_PAGES = 1000;

interface AudiencePage {
	children?: IDataObject[];
	_page?: { next?: string | number | null; totalCount?: number };
}

async function audiencePage(ctx: AepContext, start: number, itemIndex?: number): Promise<AudiencePage> {
	const response = await aepRequest<AudiencePage>(ctx, {
		method: 'GET',
		path: PLATFORM_PATHS.audiences,
		otherService: true,
		qs: { start: String(start), limit: String(AUDIENCE_PAGE_SIZE) },
		itemIndex,
	});
	if (!response.body || !Array.isArray(response.body.children)) {
		throw new Error('The Segmentation service answered without a list of audiences (no "children")');
	}
	return response.body;
}

function nextStart(page: AudiencePage, start: number): number | undefined {
	const next = page._page?.next;
	if (next === undefined || next === null || next === '') return undefined;
	const value = Number(next);
	return Number.isInteger(value) && value > start ? value : undefined;
}

const contains = (name: unknown, wanted?: string) => !wanted?.trim() || String(name ?? '').toLowerCase().includes(wanted.trim().toLowerCase());

/** Audiences whose name contains `nameContains` (any case), up to `limit` (undefined: all). */
export async function listAudiences(ctx: AepContext, nameContains: string | undefined, limit: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let start: number | undefined = 0;
	for (let pages = 0; start !== undefined && pages < MAX_AUDIENCE_PAGES; pages++) {
		const page: AudiencePage = await audiencePage(ctx, start, itemIndex);
		results.push(...(page.children ?? []).filter((audience) => contains(audience.name, nameContains)));
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		start = nextStart(page, start);
	}
	return results;
}

/** One page for the audience picker. */
export async function searchAudiencePage(ctx: AepContext, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const start = Number(paginationToken ?? 0) || 0;
	const page = await audiencePage(ctx, start);
	const next = nextStart(page, start);
	return {
		results: (page.children ?? [])
			.filter((audience) => contains(audience.name, filter) || String(audience.id ?? '').includes(filter?.trim() ?? ''))
			.map((audience) => ({ name: String(audience.name ?? audience.id), value: String(audience.id), description: typeof audience.description === 'string' ? audience.description : undefined })),
		paginationToken: next === undefined ? undefined : String(next),
	};
}
