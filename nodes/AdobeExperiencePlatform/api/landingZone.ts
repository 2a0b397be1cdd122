/**
 * The Data Landing Zone destination container (Adobe's "Data Landing Zone" destination guide):
 * its SAS credential from the landing zone credentials endpoint, then plain Azure Blob REST calls
 * (List Blobs, Get Blob) with the SAS token. The token is a secret: it never appears in an output
 * or an error, and no redirect is followed with it.
 */
import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BlobEntry } from '../domain/blobList';
import { parseBlobList } from '../domain/blobList';
import { aepRequest } from '../transport';
import { PLATFORM_PATHS } from './paths';

const BLOB_TIMEOUT_MS = 120_000;
/** List pages one listing reads at most (5000 blobs a page). */
const MAX_LIST_PAGES = 200;

export interface LandingZoneContainer {
	/** `https://<account>.blob.core.windows.net/<container>` without the token. */
	containerUrl: string;
	containerName: string;
	sasToken: string;
}

export async function landingZoneContainer(ctx: IExecuteFunctions, itemIndex: number): Promise<LandingZoneContainer> {
	const body = (
		await aepRequest<IDataObject>(ctx, {
			method: 'GET',
			path: PLATFORM_PATHS.landingZoneCredentials,
			otherService: true,
			qs: { type: 'dlz_destination' },
			itemIndex,
		})
	).body;
	const sasUri = typeof body.SASUri === 'string' ? body.SASUri : '';
	const question = sasUri.indexOf('?');
	let url: URL | undefined;
	try {
		url = question > 0 ? new URL(sasUri.slice(0, question)) : undefined;
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new NodeOperationError(ctx.getNode(), 'The landing zone credentials answer has no usable SAS URI', {
			itemIndex,
			description: 'Check that the Data Landing Zone destination is set up for this sandbox.',
		});
	}
	return {
		containerUrl: url.toString().replace(/\/+$/, ''),
		containerName: String(body.containerName ?? url.pathname.split('/').filter(Boolean).pop() ?? ''),
		sasToken: typeof body.SASToken === 'string' && body.SASToken ? body.SASToken.replace(/^\?/, '') : sasUri.slice(question + 1),
	};
}

async function blobRequest(ctx: IExecuteFunctions, container: LandingZoneContainer, path: string, query: string, what: string, itemIndex: number, binary: boolean) {
	let response: IN8nHttpFullResponse | undefined;
	let networkError: string | undefined;
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url: `${container.containerUrl}${path}?${query ? `${query}&` : ''}${container.sasToken}`,
			headers: { 'x-ms-version': '2021-08-06' },
			encoding: binary ? 'arraybuffer' : 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: BLOB_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// The error's text may hold the URL and its token: only its code is kept.
		networkError = String((error as { code?: string })?.code ?? 'network error');
	}
	if (!response || response.statusCode >= 300) {
		const status = response?.statusCode;
		const code = response ? /<Code>([^<]*)<\/Code>/.exec(String(Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body))?.[1] : undefined;
		throw new NodeApiError(ctx.getNode(), { message: code ?? networkError ?? 'Request failed' }, {
			message: `The Data Landing Zone could not ${what}: ${status !== undefined ? `HTTP ${status}` : networkError}${code ? ` (${code})` : ''}`,
			description: 'Files exported to the Data Landing Zone are deleted after seven days; a file older than that is gone.',
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex,
		});
	}
	return response;
}

/** Every blob below `prefix`, in the container's order, up to `limit` (undefined: all). */
export async function listLandingZoneFiles(ctx: IExecuteFunctions, container: LandingZoneContainer, prefix: string, limit: number | undefined, itemIndex: number): Promise<BlobEntry[]> {
	const files: BlobEntry[] = [];
	let marker: string | undefined;
	for (let page = 0; page < MAX_LIST_PAGES; page++) {
		const query = new URLSearchParams({ restype: 'container', comp: 'list' });
		if (prefix) query.set('prefix', prefix);
		if (marker) query.set('marker', marker);
		if (limit !== undefined) query.set('maxresults', String(Math.min(5000, limit - files.length)));
		const response = await blobRequest(ctx, container, '', query.toString(), 'list its files', itemIndex, false);
		const { blobs, nextMarker } = parseBlobList(String(response.body ?? ''));
		files.push(...blobs);
		marker = nextMarker;
		if (!marker || (limit !== undefined && files.length >= limit)) break;
	}
	return limit === undefined ? files : files.slice(0, limit);
}

export async function downloadLandingZoneFile(ctx: IExecuteFunctions, container: LandingZoneContainer, name: string, itemIndex: number): Promise<{ data: Buffer; contentType: string | undefined }> {
	const path = `/${name.split('/').map(encodeURIComponent).join('/')}`;
	const response = await blobRequest(ctx, container, path, '', `download "${name}"`, itemIndex, true);
	const body = response.body as unknown;
	const data = Buffer.isBuffer(body) ? body : Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : String(body ?? ''));
	const contentType = (response.headers as IDataObject | undefined)?.['content-type'];
	return { data, contentType: typeof contentType === 'string' ? contentType : undefined };
}
