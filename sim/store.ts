/**
 * In-memory state, partitioned per sandbox as AEP partitions it: connections, source and target
 * connections, flows and their runs, the eligible datasets. Also the issued tokens and the request
 * log, which belong to the whole simulation.
 */
import { createHash, randomUUID } from 'node:crypto';

import type { Catalogue, Dataset, SpecRef } from './catalogue';

export type JsonObject = Record<string, unknown>;

/** Fields every Flow Service entity carries, in the order AEP lists them. */
export interface EntityMeta {
	id: string;
	createdAt: number;
	updatedAt: number;
	createdBy: string;
	updatedBy: string;
	createdClient: string;
	updatedClient: string;
	sandboxId: string;
	sandboxName: string;
	imsOrgId: string;
}

export interface Entity extends EntityMeta {
	name?: string;
	version?: string;
	etag: string;
	[key: string]: unknown;
}

export interface FlowEntity extends Entity {
	flowSpec: SpecRef;
	state: string;
	sourceConnectionIds: string[];
	targetConnectionIds: string[];
	transformations: unknown[];
}

/** A run as AEP shows it, plus what the simulation needs to move it from in progress to done. */
export interface RunRecord {
	run: JsonObject & { id: string; flowId: string };
	startedAtUTC: number;
	settle?: { atMs?: number; readsLeft?: number; finalStatus: string };
	/** Skipped records as a percentage of records read, when set on demand (otherwise derived from the ID). */
	skippedPercent?: number;
}

export interface RequestLogEntry {
	time: number;
	requestId: string;
	method: string;
	path: string;
	/** Query parameters (repeated keys as arrays); never recorded for the IMS token endpoint. */
	query: Record<string, string | string[]>;
	status: number | 'connection reset';
	sandbox?: string;
}

export interface TokenRecord {
	clientId: string;
	generation: number;
	expiresAt: number;
}

/** A UUID derived from text, so generated data is the same on every run. */
export function uuidFrom(text: string): string {
	const hex = createHash('sha1').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class SandboxStore {
	readonly connections = new Map<string, Entity>();
	readonly sourceConnections = new Map<string, Entity>();
	readonly targetConnections = new Map<string, Entity>();
	readonly flows = new Map<string, FlowEntity>();
	readonly runs = new Map<string, RunRecord>();
	readonly datasets: Dataset[];
	readonly id: string;

	constructor(
		readonly name: string,
		datasets: Dataset[],
	) {
		this.id = uuidFrom(`sandbox:${name}`);
		this.datasets = datasets.map((dataset) => ({ ...dataset }));
	}

	collection(name: CollectionName): Map<string, Entity> {
		return this[name] as Map<string, Entity>;
	}
}

export type CollectionName = 'connections' | 'sourceConnections' | 'targetConnections' | 'flows';

export class SimulationState {
	readonly sandboxes = new Map<string, SandboxStore>();
	readonly tokens = new Map<string, TokenRecord>();
	readonly requests: RequestLogEntry[] = [];
	private etagCounter = 0;

	constructor(
		readonly catalogue: Catalogue,
		readonly now: () => number = Date.now,
	) {}

	/** The sandbox's store, created on first use (every sandbox name exists in the simulation). */
	sandbox(name: string): SandboxStore {
		let store = this.sandboxes.get(name);
		if (!store) {
			store = new SandboxStore(name, this.catalogue.datasets);
			this.sandboxes.set(name, store);
		}
		return store;
	}

	/** A fresh etag in AEP's form: the value carries its own double quotes. */
	nextEtag(): string {
		this.etagCounter++;
		const seconds = Math.floor(this.now() / 1000);
		return `"${this.etagCounter.toString(16).padStart(8, '0')}-0000-0200-0000-${seconds.toString(16).padStart(8, '0')}0000"`;
	}

	newId(): string {
		return randomUUID();
	}

	/** Finds a flow in whichever sandbox holds it (admin calls name flows by ID only). */
	findFlow(id: string): { store: SandboxStore; flow: FlowEntity } | undefined {
		for (const store of this.sandboxes.values()) {
			const flow = store.flows.get(id);
			if (flow) return { store, flow };
		}
		return undefined;
	}

	/** Forgets every entity, run, token and logged request. */
	reset(): void {
		this.sandboxes.clear();
		this.tokens.clear();
		this.requests.length = 0;
	}
}
