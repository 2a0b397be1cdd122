/**
 * The read-only catalogue the simulation serves and validates against: connection specs, flow specs
 * and the datasets eligible for export, loaded at start-up from the fixtures extracted from Adobe's
 * tutorials and OpenAPI examples (the top-level fixtures/ folder the tests use too), never re-typed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { JsonSchema } from './json-schema';

export interface SpecRef {
	id: string;
	version?: string;
}

export interface AuthSpec {
	name: string;
	type?: string;
	spec?: JsonSchema;
}

export interface ConnectionSpec {
	id: string;
	name: string;
	version?: string;
	authSpec?: AuthSpec[];
	encryptionSpecs?: Array<{ name: string; type?: string; spec?: JsonSchema }>;
	targetSpec?: { name?: string; type?: string; spec?: JsonSchema };
	sourceSpec?: { spec?: JsonSchema };
	[key: string]: unknown;
}

export interface FlowSpec {
	id: string;
	name: string;
	version?: string;
	sourceConnectionSpecIds?: string[];
	targetConnectionSpecIds?: string[];
	attributes?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Dataset {
	id: string;
	name: string;
	[key: string]: unknown;
}

/** The Data Lake source: its `configs` list the datasets eligible for export. */
export const DATA_LAKE_SPEC_ID = '23598e46-f560-407b-88d5-ea6207e49db0';
/** The Profile store source, for audience activation. */
export const PROFILE_STORE_SPEC_ID = '8a9c3494-9708-43d7-ae3f-cda01e5030e1';

/**
 * Auth spec names that Adobe's own API reference uses for the SFTP destination although the
 * connection spec calls them differently; accepted as aliases so the reference's examples work.
 */
const AUTH_SPEC_ALIASES: Record<string, string> = {
	'Basic Authentication for sftp': 'SFTP with Password',
	'SSH PublicKey Authentication for sftp': 'SFTP with SSH Key',
};

export const DEFAULT_FIXTURES_DIR = join(__dirname, '..', 'fixtures');

function readJson<T>(path: string): T {
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function itemsOf<T>(document: unknown): T[] {
	if (Array.isArray(document)) return document as T[];
	const items = (document as { items?: T[] } | null)?.items;
	if (!Array.isArray(items)) throw new Error('expected a JSON array or an object with "items"');
	return items;
}

export class Catalogue {
	readonly connectionSpecs: ConnectionSpec[];
	readonly flowSpecs: FlowSpec[];
	/** Datasets every sandbox starts with (the tutorials' and the API reference's examples first). */
	readonly datasets: Dataset[];

	constructor(connectionSpecs: ConnectionSpec[], flowSpecs: FlowSpec[], datasets: Dataset[]) {
		this.connectionSpecs = connectionSpecs;
		this.flowSpecs = flowSpecs;
		this.datasets = datasets;
	}

	/**
	 * Loads `connectionSpecs-list.json`, `flowSpecs-list.json` and the dataset listings under
	 * `seed-examples/`, then pads the datasets with generated ones up to `datasetCount`.
	 */
	static load(fixturesDir = DEFAULT_FIXTURES_DIR, datasetCount = 149): Catalogue {
		const connectionSpecs = itemsOf<ConnectionSpec>(readJson(join(fixturesDir, 'connectionSpecs-list.json')));
		const flowSpecs = itemsOf<FlowSpec>(readJson(join(fixturesDir, 'flowSpecs-list.json')));
		const datasets: Dataset[] = [];
		for (const file of [
			'000-datasets.response.json',
			'openapi-getDatasets.response-200.Destination_Dataset_Response.json',
		]) {
			for (const dataset of itemsOf<Dataset>(readJson(join(fixturesDir, 'seed-examples', file)))) {
				if (!datasets.some((known) => known.id === dataset.id)) datasets.push(dataset);
			}
		}
		for (let index = datasets.length; index < datasetCount; index++) datasets.push(generatedDataset(index));
		return new Catalogue(connectionSpecs, flowSpecs, datasets);
	}

	connectionSpec(id: string): ConnectionSpec | undefined {
		return this.connectionSpecs.find((spec) => spec.id === id);
	}

	flowSpec(id: string): FlowSpec | undefined {
		return this.flowSpecs.find((spec) => spec.id === id);
	}

	/**
	 * Older destinations (seed 002: Amazon S3 4890fc95, Azure Blob e258278b, SFTP 64ef4b8b, ...) are
	 * named by a flow spec but have no connection spec in the catalogue, so their schemas are unknown:
	 * they are accepted without schema checks.
	 */
	isSchemaLessSpec(id: string): boolean {
		return (
			!this.connectionSpec(id) &&
			this.flowSpecs.some((flow) => flow.targetConnectionSpecIds?.includes(id) || flow.sourceConnectionSpecIds?.includes(id))
		);
	}

	/** The auth spec `specName` selects, accepting the API reference's SFTP aliases. */
	authSpec(spec: ConnectionSpec, specName: string): AuthSpec | undefined {
		const wanted = AUTH_SPEC_ALIASES[specName] ?? specName;
		return spec.authSpec?.find((auth) => auth.name === wanted);
	}
}

/** Deterministic filler datasets, shaped like the tutorial's listing. */
function generatedDataset(index: number): Dataset {
	const id = (0x5f000000 + index).toString(16).padStart(8, '0') + 'a1b2c3d4e5f6a7b8'.slice(0, 16);
	return {
		id,
		name: `Simulated Dataset ${String(index + 1).padStart(3, '0')}`,
		description: 'Dataset generated by the local Flow Service simulation',
		fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
		aspect: 'production',
		state: 'DRAFT',
	};
}
