/**
 * What makes an existing connection "the same thing" for "If One With This Name Already Exists:
 * Reuse It": a name alone does not. The same destination (connection spec); for source and target
 * connections the same base connection; for Data Lake source connections the same datasets, which
 * cannot change after creation.
 */
import type { IDataObject } from 'n8n-workflow';

export interface ConnectionIdentity {
	connectionSpecId: string;
	/** For source and target connections: the base connection they use (none for a file-based audience source). */
	baseConnectionId?: string | null;
	/** For Data Lake source connections: the exported datasets, in any order. */
	datasetIds?: readonly string[];
}

export function connectionSpecIdOf(record: IDataObject): string | undefined {
	const spec = record.connectionSpec as IDataObject | undefined;
	return typeof spec?.id === 'string' ? spec.id : undefined;
}

/** The dataset IDs of a Data Lake source connection as AEP answers it (`params.datasets[].dataSetId`). */
export function datasetIdsOf(record: IDataObject): string[] {
	const params = (record.params ?? {}) as IDataObject;
	const datasets = Array.isArray(params.datasets) ? (params.datasets as IDataObject[]) : [];
	return datasets.map((dataset) => String(dataset?.dataSetId));
}

function baseConnectionOf(record: IDataObject): string | null {
	const id = record.baseConnectionId;
	return typeof id === 'string' && id !== '' ? id : null;
}

export function isSameConnection(record: IDataObject, identity: ConnectionIdentity): boolean {
	if (connectionSpecIdOf(record) !== identity.connectionSpecId) return false;
	if (identity.baseConnectionId !== undefined && baseConnectionOf(record) !== (identity.baseConnectionId || null)) {
		return false;
	}
	if (identity.datasetIds) {
		const existing = datasetIdsOf(record);
		const wanted = new Set(identity.datasetIds);
		if (existing.length !== wanted.size || !existing.every((id) => wanted.has(id))) return false;
	}
	return true;
}
