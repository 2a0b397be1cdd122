/**
 * Azure Blob Storage's "List Blobs" answer (XML `EnumerationResults`), read without an XML library:
 * the names, sizes, times and types of the blobs, and the marker of the next page.
 */

export interface BlobEntry {
	name: string;
	size: number | null;
	lastModified: string | null;
	contentType: string | null;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

function decode(text: string): string {
	return text.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity]);
}

function tag(xml: string, name: string): string | undefined {
	const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
	return match ? decode(match[1]) : undefined;
}

export function parseBlobList(xml: string): { blobs: BlobEntry[]; nextMarker: string | undefined } {
	if (!/<EnumerationResults[\s>]/.test(xml)) throw new Error('The landing zone answered without a blob list (no EnumerationResults)');
	const blobs = [...xml.matchAll(/<Blob>([\s\S]*?)<\/Blob>/g)].map(([, blob]) => {
		const size = Number(tag(blob, 'Content-Length'));
		const modified = tag(blob, 'Last-Modified');
		return {
			name: tag(blob, 'Name') ?? '',
			size: Number.isFinite(size) ? size : null,
			lastModified: modified && Number.isFinite(Date.parse(modified)) ? new Date(modified).toISOString() : null,
			contentType: tag(blob, 'Content-Type') ?? null,
		};
	});
	const marker = tag(xml, 'NextMarker')?.trim();
	return { blobs, nextMarker: marker ? marker : undefined };
}

/** Adobe deletes files exported to the Data Landing Zone seven days after they land. */
export const LANDING_ZONE_RETENTION_DAYS = 7;

export function deletedAfter(lastModified: string | null): string | null {
	if (!lastModified) return null;
	return new Date(Date.parse(lastModified) + LANDING_ZONE_RETENTION_DAYS * 86_400_000).toISOString();
}
