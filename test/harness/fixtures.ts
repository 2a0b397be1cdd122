/**
 * Fixture loaders: Adobe's examples from the top-level `fixtures/` folder (shared with the
 * simulation) and the nock answers built from them.
 */
import type { IDataObject } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ConnectionSpec } from '../../nodes/AdobeExperiencePlatform/domain/catalogue';
import { flowService } from './aep';

/** The live catalogue as the fixtures give it (fixtures/README.md), for the connection operations' tests. */

export const DESTINATION_SLUGS = [
	'amazon-s3',
	'azure-blob',
	'adls-gen2',
	'data-landing-zone',
	'google-cloud-storage',
	'sftp',
] as const;
export type DestinationSlug = (typeof DESTINATION_SLUGS)[number];

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

/** A fresh copy of a fixture file, e.g. `seed-examples/000-base-connection-amazon-s3.request.json`. */
export function fixture<T = IDataObject>(relative: string): T {
	return JSON.parse(readFileSync(path.join(FIXTURES, relative), 'utf8')) as T;
}

/** The Destination locator as the editor saves a destination picked from the list. */
export function destinationPicked(spec: ConnectionSpec) {
	return { __rl: true, mode: 'list', value: spec.id, cachedResultName: spec.name };
}

export function connectionSpecFixture(slug: DestinationSlug): ConnectionSpec {
	return fixture<ConnectionSpec>(`connectionSpecs/${slug}.json`);
}

/** GET /connectionSpecs/{id} answers `{items: [spec]}`. */
export function expectConnectionSpec(spec: ConnectionSpec, times = 1) {
	return flowService().get(`/connectionSpecs/${spec.id}`).times(times).reply(200, { items: [spec] });
}

export function expectFlowSpecs(times = 1) {
	return flowService().get('/flowSpecs').query({ limit: '100' }).times(times).reply(200, fixture('flowSpecs-list.json'));
}

export function expectConnectionSpecs(times = 1) {
	return flowService()
		.get('/connectionSpecs')
		.query({ limit: '100' })
		.times(times)
		.reply(200, fixture('connectionSpecs-list.json'));
}

/** Replaces the seeds' placeholders (`<Add secret key>`) with test values, everywhere in a body. */
export function fillPlaceholders<T>(body: T, values: Record<string, unknown>): T {
	const fill = (value: unknown): unknown => {
		if (typeof value === 'string' && value in values) return values[value];
		if (Array.isArray(value)) return value.map(fill);
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
		}
		return value;
	};
	return fill(body) as T;
}
