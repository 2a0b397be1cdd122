/**
 * Items that change the same dataflow become one PATCH: their list edits (audiences, profile
 * attributes, raw operations) are concatenated; a single-valued change (name, schedule, keys, ...)
 * may come from several items only when they agree. Undefined when they do not: those items are
 * then sent one after the other.
 */
import type { DataflowChanges } from './changes';
import { checkChanges, emptyChanges } from './changes';

const SINGLE_VALUED = ['name', 'description', 'schedule', 'mandatoryFields', 'primaryFields', 'marketingActions', 'mappingSet'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function mergeChanges(all: DataflowChanges[]): DataflowChanges | undefined {
	const merged = emptyChanges();
	for (const changes of all) {
		merged.addAudiences.push(...changes.addAudiences);
		merged.removeAudienceIds.push(...changes.removeAudienceIds);
		merged.addProfileAttributes.push(...changes.addProfileAttributes.filter((p) => !merged.addProfileAttributes.includes(p)));
		merged.removeProfileAttributes.push(...changes.removeProfileAttributes.filter((p) => !merged.removeProfileAttributes.includes(p)));
		merged.rawOperations.push(...changes.rawOperations);
		for (const key of SINGLE_VALUED) {
			if (changes[key] === undefined) continue;
			if (merged[key] !== undefined && !same(merged[key], changes[key])) return undefined;
			(merged as unknown as Record<string, unknown>)[key] = changes[key];
		}
	}
	try {
		// Together they may contradict (an audience added twice, added and removed): sent apart then.
		checkChanges(merged);
	} catch {
		return undefined;
	}
	return merged;
}
