/** Reads and checks every operation of Dataflow → Patch into the change model; nothing here sends a request. */

import { buildAudienceSelector } from '../../domain/audienceSelector';
import { checkScheduleChange, parseDatasetFrequency } from '../../domain/datasetSchedule';
import { parseDateTime } from '../../domain/dates';
import { inOperation, inputError } from '../../domain/inputError';
import type { DataflowChanges } from '../../domain/patch/changes';
import { checkChanges, emptyChanges } from '../../domain/patch/changes';
import { parseRawPatch } from '../../domain/patch/rawPatch';
import type { OperationsValue } from './patch.operationsField';
import { locatorId } from '../../helpers/locatorId';

/** A list typed as "a, b" or one per line, or given as an array by an expression. */
function listOf(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[,\n]/) : [];
	return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}

function single<T>(entries: T[] | undefined, operation: string): T | undefined {
	if (!entries?.length) return undefined;
	if (entries.length > 1) {
		throw inputError('Operations', operation, `"${operation}" may be added once; it replaces the whole setting.`);
	}
	return entries[0];
}

/** Reads and checks every operation; nothing here sends a request. */
export function readChanges(operations: OperationsValue, nowMs: number, timeZone: string): DataflowChanges {
	const changes = emptyChanges();

	for (const [index, audience] of (operations.addAudience ?? []).entries()) {
		const exportMode = String(audience.exportMode ?? 'DAILY_FULL_EXPORT');
		const full = exportMode.trim().toUpperCase() === 'DAILY_FULL_EXPORT';
		const selector = inOperation(`Add Audience ${index + 1}`, () =>
			buildAudienceSelector(
				{
					id: locatorId(audience.audienceId),
					name: audience.audienceName as string | undefined,
					description: audience.audienceDescription as string | undefined,
					fileNameTemplate: audience.fileNameTemplate as string | undefined,
					exportMode,
					frequency: String((full ? audience.fullExportFrequency : audience.incrementalFrequency) ?? (full ? 'ONCE' : 'DAILY')),
					triggerType: full ? (audience.triggerType as string | undefined) : 'SCHEDULED',
					startDate: audience.startDate,
					endDate: audience.endDate,
					startTime: audience.startTimeUtc as string | undefined,
				},
				nowMs,
			),
		);
		changes.addAudiences.push(selector);
	}
	for (const entry of operations.removeAudiences ?? []) changes.removeAudienceIds.push(...listOf(entry.audienceIds));
	for (const entry of operations.addProfileAttributes ?? []) changes.addProfileAttributes.push(...listOf(entry.paths));
	for (const entry of operations.removeProfileAttributes ?? []) {
		changes.removeProfileAttributes.push(...listOf(entry.paths));
	}
	changes.removeAudienceIds = [...new Set(changes.removeAudienceIds)];
	changes.addProfileAttributes = [...new Set(changes.addProfileAttributes)];
	changes.removeProfileAttributes = [...new Set(changes.removeProfileAttributes)];

	const rename = single(operations.rename, 'Rename or Describe');
	if (rename) {
		inOperation('Rename or Describe', () => {
			if (rename.name?.trim()) changes.name = rename.name.trim();
			if (rename.description?.trim()) changes.description = rename.description.trim();
			if (changes.name === undefined && changes.description === undefined) {
				throw inputError('New Name', rename.name ?? '', 'Give a new name, a new description or both.');
			}
		});
	}

	const mandatory = single(operations.mandatoryKeys, 'Set Mandatory Keys');
	if (mandatory) {
		inOperation('Set Mandatory Keys', () => {
			changes.mandatoryFields = listOf(mandatory.fields);
			if (!changes.mandatoryFields.length) {
				throw inputError('Fields', mandatory.fields ?? '', 'Give at least one attribute path or identity namespace.');
			}
		});
	}

	const deduplication = single(operations.deduplicationKeys, 'Set Deduplication Keys');
	if (deduplication) {
		inOperation('Set Deduplication Keys', () => {
			changes.primaryFields = [
				...listOf(deduplication.attributePaths).map((attributePath) => ({ fieldType: 'ATTRIBUTE', attributePath })),
				...listOf(deduplication.identityNamespaces).map((identityNamespace) => ({
					fieldType: 'IDENTITY',
					identityNamespace,
				})),
			];
			if (!changes.primaryFields.length) {
				throw inputError(
					'Attribute Paths',
					deduplication.attributePaths ?? '',
					'Give at least one attribute path or identity namespace as deduplication key.',
				);
			}
		});
	}

	const mappingSet = single(operations.mappingSet, 'Set Mapping Set');
	if (mappingSet) {
		inOperation('Set Mapping Set', () => {
			const mappingId = String(mappingSet.mappingId ?? '').trim();
			if (!/^[0-9a-zA-Z-]+$/.test(mappingId)) {
				throw inputError('Mapping Set ID', mappingSet.mappingId, 'Allowed: the ID of a Data Prep mapping set, e.g. 7acb0b72008d4ca1982970041834d40e.');
			}
			const mappingVersion = mappingSet.mappingVersion ?? 0;
			if (!Number.isInteger(mappingVersion) || mappingVersion < 0) {
				throw inputError('Mapping Set Version', mappingVersion, 'Allowed: a whole number, 0 or more.');
			}
			changes.mappingSet = { mappingId, mappingVersion };
		});
	}

	const marketing = single(operations.marketingActions, 'Set Marketing Actions');
	if (marketing) {
		inOperation('Set Marketing Actions', () => {
			changes.marketingActions = listOf(marketing.references);
			const bad = changes.marketingActions.find((reference) => /\s/.test(reference));
			if (bad !== undefined) {
				throw inputError('Marketing Action References', bad, 'Allowed: references without spaces, separated by commas.');
			}
		});
	}

	const schedule = single(operations.datasetSchedule, 'Update Dataset Schedule');
	if (schedule) {
		inOperation('Update Dataset Schedule', () => {
			const frequencyText = schedule.frequency;
			changes.schedule = {
				frequency:
					frequencyText === undefined || frequencyText === '' ? undefined : parseDatasetFrequency(frequencyText),
				startTime: parseDateTime(schedule.startTime, timeZone),
				endTime: parseDateTime(schedule.endTime, timeZone),
				exportMode: schedule.exportMode || undefined,
				folderNameTemplate: schedule.folderNameTemplate?.trim() ? schedule.folderNameTemplate : undefined,
			};
			checkScheduleChange(changes.schedule, nowMs);
			const { frequency, startTime, endTime, exportMode, folderNameTemplate } = changes.schedule;
			if ([frequency, startTime, endTime, exportMode, folderNameTemplate].every((v) => v === undefined)) {
				throw inputError(
					'Frequency',
					'Keep Current',
					'Every field is empty or Keep Current: set at least one of Frequency, Start Time, End Time, Export Mode or Folder Name Template, or remove this operation.',
				);
			}
		});
	}

	for (const [index, entry] of (operations.jsonPatch ?? []).entries()) {
		const parsed = inOperation(`JSON Patch ${index + 1}`, () => parseRawPatch(entry.operations));
		for (const operation of parsed) inOperation(`JSON Patch ${index + 1}`, () => refuseImmutablePath(operation.path));
		changes.rawOperations.push(...parsed);
	}

	checkChanges(changes);
	return changes;
}

/**
 * Top-level dataflow fields a JSON Patch may change; the others (id, flowSpec, state, etag, created
 * and updated stamps, inherited attributes) belong to Flow Service, which refuses the whole PATCH.
 */
const PATCHABLE_FLOW_FIELDS = ['name', 'description', 'sourceConnectionIds', 'targetConnectionIds', 'transformations', 'scheduleParams', 'policy'];

function refuseImmutablePath(path: string): void {
	const field = path.split('/')[1] ?? '';
	if (PATCHABLE_FLOW_FIELDS.includes(field)) return;
	throw inputError(
		'JSON Patch',
		path,
		`Allowed: paths below ${PATCHABLE_FLOW_FIELDS.map((name) => `/${name}`).join(', ')}. "${path || '/'}" cannot be changed with a PATCH (enable or disable a dataflow with its State). Example: /scheduleParams/endTime.`,
	);
}
