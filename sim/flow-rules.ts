/**
 * Request-body rules that come from Adobe's API reference rather than from a connection spec: the
 * envelope of each create call, the dataset export schedule, and which flow fields a PATCH may
 * change. Kept apart from the routes so that each rule is stated once.
 */
import type { JsonSchema } from './json-schema';

const SPEC_REF: JsonSchema = {
	type: 'object',
	required: ['id'],
	properties: { id: { type: 'string', minLength: 1 }, version: { type: 'string' } },
};

const NAME: JsonSchema = { type: 'string', minLength: 1 };
const TEXT: JsonSchema = { type: 'string' };
const IDS: JsonSchema = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };

/** POST /connections. `connectionSpec` may be absent: seed 000 creates the Data Landing Zone base connection with a name only. */
export const CONNECTION_BODY: JsonSchema = {
	type: 'object',
	required: ['name'],
	properties: {
		name: NAME,
		description: TEXT,
		connectionSpec: SPEC_REF,
		auth: { type: 'object', properties: { specName: { type: 'string' }, params: { type: 'object' } } },
	},
};

export const SOURCE_CONNECTION_BODY: JsonSchema = {
	type: 'object',
	required: ['name', 'connectionSpec'],
	properties: {
		name: NAME,
		description: TEXT,
		baseConnectionId: { type: 'string', minLength: 1 },
		connectionSpec: SPEC_REF,
		params: { type: 'object' },
		data: { type: 'object' },
	},
};

export const TARGET_CONNECTION_BODY: JsonSchema = {
	type: 'object',
	required: ['name', 'baseConnectionId', 'connectionSpec', 'params'],
	properties: {
		name: NAME,
		description: TEXT,
		baseConnectionId: { type: 'string', minLength: 1 },
		connectionSpec: SPEC_REF,
		params: { type: 'object' },
		data: { type: 'object' },
	},
};

const TRANSFORMATIONS: JsonSchema = {
	type: 'array',
	items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, params: { type: 'object' } } },
};

/** POST /flows (and the document a PATCH leaves behind). */
export const FLOW_BODY: JsonSchema = {
	type: 'object',
	required: ['name', 'flowSpec', 'sourceConnectionIds', 'targetConnectionIds'],
	properties: {
		name: NAME,
		description: TEXT,
		flowSpec: SPEC_REF,
		sourceConnectionIds: IDS,
		targetConnectionIds: IDS,
		transformations: TRANSFORMATIONS,
		scheduleParams: { type: 'object' },
		policy: { type: 'object' },
	},
};

/**
 * `DatasetScheduleParams_V2` of destinations.openapi.yaml: times in epoch seconds; "only 3, 6, 9,
 * or 12-hour and 1-day frequencies are supported".
 */
export const DATASET_SCHEDULE: JsonSchema = {
	type: 'object',
	required: ['startTime', 'interval', 'timeUnit'],
	properties: {
		exportMode: { type: 'string', enum: ['DAILY_FULL_EXPORT', 'FIRST_FULL_THEN_INCREMENTAL'] },
		startTime: { type: 'integer', minimum: 0 },
		endTime: { type: 'integer', minimum: 0 },
		interval: { type: 'integer', enum: [1, 3, 6, 9, 12] },
		timeUnit: { type: 'string', enum: ['hour', 'day'] },
		folderNameTemplate: { type: 'string' },
	},
};

/** Epoch seconds stay below this for 3000 years; a larger value is milliseconds sent by mistake. */
const MAX_EPOCH_SECONDS = 99_999_999_999;

/** The schedule rules a schema cannot say: unit/interval pairs and seconds, not milliseconds. */
export function scheduleProblems(schedule: Record<string, unknown>): string[] {
	const problems: string[] = [];
	const { interval, timeUnit } = schedule;
	if (timeUnit === 'hour' && typeof interval === 'number' && ![3, 6, 9, 12].includes(interval)) {
		problems.push(`$.interval: ${interval} hours is not supported; use 3, 6, 9 or 12 hours, or 1 day`);
	}
	if (timeUnit === 'day' && interval !== 1) {
		problems.push(`$.interval: ${String(interval)} days is not supported; use interval 1 with timeUnit day`);
	}
	for (const key of ['startTime', 'endTime']) {
		const value = schedule[key];
		if (typeof value === 'number' && value > MAX_EPOCH_SECONDS) {
			problems.push(`$.${key}: ${value} looks like milliseconds; send epoch seconds`);
		}
	}
	return problems;
}

/** Top-level flow fields a JSON Patch may change; everything else belongs to Flow Service. */
export const PATCHABLE_FLOW_FIELDS = new Set([
	'name',
	'description',
	'sourceConnectionIds',
	'targetConnectionIds',
	'transformations',
	'scheduleParams',
	'policy',
]);

/** Auth/encryption parameters never echoed back: the spec marks them `format: password`, or their name says so. */
export const SECRET_PARAM_NAME = /secret|password|sshkey|privatekey|connectionstring|principalkey/i;
export const MASKED_SECRET = '********';
