/**
 * The Data Landing Zone destination container: the landing zone credentials endpoint
 * (`GET /data/foundation/connectors/landingzone/credentials?type=dlz_destination`, a SAS URI) and
 * the container itself, served here below `/__dlz/` as Azure Blob Storage answers List Blobs (XML)
 * and Get Blob. The SAS signature names the sandbox; a wrong one is refused as Azure does.
 */
import type { SandboxStore } from './store';
import { plainError } from './errors';

export const LANDING_ZONE_CREDENTIALS_PATH = '/data/foundation/connectors/landingzone/credentials';
export const BLOB_PREFIX = '/__dlz/';
const CONTAINER = 'dlz-destination';

interface LandingFile {
	content: Buffer;
	lastModified: number;
	contentType: string;
}

const containers = new Map<string, Map<string, LandingFile>>();

function filesOf(sandboxName: string, now: number): Map<string, LandingFile> {
	let files = containers.get(sandboxName);
	if (!files) {
		files = new Map();
		const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
		for (const [index, dataset] of ['5ef3e324052581191aa6a466', '5ba9452c7bc8e0000061c4ba'].entries()) {
			files.set(`${dataset}/exportTime=${day}0000/part-0000${index}.json`, {
				content: Buffer.from(`{"datasetId":"${dataset}","row":${index}}\n`),
				lastModified: now,
				contentType: 'application/json',
			});
		}
		containers.set(sandboxName, files);
	}
	return files;
}

/** Puts a file in a sandbox's landing zone (tests and the admin API). */
export function addLandingZoneFile(sandboxName: string, name: string, content: string, now: number): void {
	filesOf(sandboxName, now).set(name, { content: Buffer.from(content), lastModified: now, contentType: 'application/octet-stream' });
}

const signature = (sandboxName: string) => `sim-${encodeURIComponent(sandboxName)}`;

export function landingZoneCredentials(store: SandboxStore, query: URLSearchParams, gatewayUrl: string) {
	if (query.get('type') !== 'dlz_destination') throw plainError(400, 'type must be dlz_destination for the destination container');
	const token = `sv=2020-10-02&si=dlz-destination&sr=c&sig=${signature(store.name)}`;
	return {
		status: 200,
		body: { containerName: CONTAINER, SASToken: token, storageAccountName: 'simdlz', SASUri: `${gatewayUrl}${BLOB_PREFIX}${CONTAINER}?${token}` },
	};
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const blobError = (status: number, code: string, message: string) => ({
	status,
	headers: { 'content-type': 'application/xml' },
	body: Buffer.from(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`),
});

/** A List Blobs or Get Blob answer: status, headers and the raw body. */
export function blobAnswer(path: string, query: URLSearchParams, now: number): { status: number; headers: Record<string, string>; body: Buffer } {
	const sig = query.get('sig') ?? '';
	const sandboxName = sig.startsWith('sim-') ? decodeURIComponent(sig.slice(4)) : '';
	if (!sandboxName) return blobError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.');
	const rest = path.slice(BLOB_PREFIX.length);
	const [container, ...segments] = rest.split('/');
	if (container !== CONTAINER) return blobError(404, 'ContainerNotFound', 'The specified container does not exist.');
	const files = filesOf(sandboxName, now);
	if (segments.length === 0) {
		if (query.get('restype') !== 'container' || query.get('comp') !== 'list') return blobError(400, 'InvalidQueryParameterValue', 'restype=container&comp=list expected');
		const prefix = query.get('prefix') ?? '';
		const names = [...files.keys()].filter((name) => name.startsWith(prefix)).sort();
		const start = Number(query.get('marker') ?? 0) || 0;
		const max = Math.min(Number(query.get('maxresults') ?? 5000) || 5000, 5000);
		const page = names.slice(start, start + max);
		const next = start + max < names.length ? String(start + max) : '';
		const blobs = page
			.map((name) => {
				const file = files.get(name)!;
				return `<Blob><Name>${xmlEscape(name)}</Name><Properties><Last-Modified>${new Date(file.lastModified).toUTCString()}</Last-Modified><Content-Length>${file.content.length}</Content-Length><Content-Type>${file.contentType}</Content-Type></Properties></Blob>`;
			})
			.join('');
		const xml = `<?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName="${CONTAINER}"><Blobs>${blobs}</Blobs><NextMarker>${next}</NextMarker></EnumerationResults>`;
		return { status: 200, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml) };
	}
	const name = segments.map((segment) => decodeURIComponent(segment)).join('/');
	const file = files.get(name);
	if (!file) return blobError(404, 'BlobNotFound', 'The specified blob does not exist.');
	return { status: 200, headers: { 'content-type': file.contentType, 'last-modified': new Date(file.lastModified).toUTCString() }, body: file.content };
}
