import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_NAME, DOCS } from '../shared/constants';
import { asParameterError, inputError, withParameterErrors } from '../shared/dataflow/errors';
import { dataflowItem, getDataflow } from '../shared/dataflow/flows';
import type { DataflowChanges, JsonPatchOperation } from '../shared/dataflow/patch';
import { buildPatch, checkChanges, emptyChanges, hasChanges, parseRawPatch } from '../shared/dataflow/patch';
import { getDataflowAudienceOptions, getDataflowProfileAttributeOptions } from '../shared/dataflow/pickers';
import {
	buildAudienceSelector,
	checkScheduleChange,
	DEFAULT_FILE_NAME_TEMPLATE,
	parseDatasetFrequency,
	parseDateTime,
} from '../shared/dataflow/schedule';
import type { PatchResult } from '../shared/dataflow/update';
import { MAX_PATCH_ATTEMPTS, patchDataflow, setDataflowState } from '../shared/dataflow/update';
import { DATASET_FREQUENCY_OPTIONS, folderNameTemplateParameter } from '../shared/descriptions/dataflow';
import { executePerItem } from '../shared/execute';
import { dataflowLocator, getDataflowId, searchDestinationDataflows } from '../shared/methods/dataflows';
import { invalidParameter, requireWholeNumber } from '../shared/validation';

const addAudienceFields: INodeProperties[] = [
	{
		displayName: 'Audience Description',
		name: 'audienceDescription',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Audience ID',
		name: 'audienceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9f7d37fd-7039-4454-94ef-2b0cd6c3206a',
		description:
			'ID of the audience (segment definition) to activate. Flow Service offers no audience list, so give the ID.',
	},
	{
		displayName: 'Audience Name',
		name: 'audienceName',
		type: 'string',
		default: '',
		description: 'Optional; shown in the dataflow',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-12-31',
		description: 'Last day of exports, as YYYY-MM-DD. Not used by one-time exports.',
	},
	{
		displayName: 'Export Mode',
		name: 'exportMode',
		type: 'options',
		default: 'DAILY_FULL_EXPORT',
		options: [
			{ name: 'Full Files (DAILY_FULL_EXPORT)', value: 'DAILY_FULL_EXPORT' },
			{
				name: 'First Full Then Incremental (FIRST_FULL_THEN_INCREMENTAL)',
				value: 'FIRST_FULL_THEN_INCREMENTAL',
			},
		],
	},
	{
		displayName: 'File Name Template',
		name: 'fileNameTemplate',
		type: 'string',
		default: DEFAULT_FILE_NAME_TEMPLATE,
		description:
			'Must contain %DESTINATION_NAME% and %SEGMENT_ID%. Optional: %SEGMENT_NAME%, %DESTINATION%, %DESTINATION_INSTANCE_ID%, %DESTINATION_INSTANCE_NAME%, %ORGANIZATION_NAME%, %SANDBOX_NAME%, one of %DATETIME(YYYYMMdd_HHmmss)% or %TIMESTAMP%, and your own text.',
	},
	{
		displayName: 'Frequency',
		name: 'fullExportFrequency',
		type: 'options',
		default: 'ONCE',
		options: [
			{ name: 'Daily', value: 'DAILY' },
			{ name: 'Once', value: 'ONCE' },
		],
		displayOptions: { show: { exportMode: ['DAILY_FULL_EXPORT'] } },
	},
	{
		displayName: 'Frequency',
		name: 'incrementalFrequency',
		type: 'options',
		default: 'DAILY',
		options: [
			{ name: 'Daily', value: 'DAILY' },
			{ name: 'Every 12 Hours', value: 'EVERY_12_HOURS' },
			{ name: 'Every 3 Hours', value: 'EVERY_3_HOURS' },
			{ name: 'Every 6 Hours', value: 'EVERY_6_HOURS' },
			{ name: 'Every 8 Hours', value: 'EVERY_8_HOURS' },
		],
		displayOptions: { show: { exportMode: ['FIRST_FULL_THEN_INCREMENTAL'] } },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-07-20',
		description: 'First day of exports, as YYYY-MM-DD (UTC). Empty means today.',
	},
	{
		displayName: 'Start Time (UTC)',
		name: 'startTimeUtc',
		type: 'string',
		default: '',
		placeholder: 'e.g. 17:00',
		description: 'Hour of the export in UTC, as HH:mm with minutes 00. Not used with trigger After Segment Evaluation.',
	},
	{
		displayName: 'Trigger Type',
		name: 'triggerType',
		type: 'options',
		default: 'SCHEDULED',
		options: [
			{
				name: 'After Segment Evaluation',
				value: 'AFTER_SEGMENT_EVAL',
				description: 'Export right after the daily segmentation job finishes',
			},
			{ name: 'Scheduled', value: 'SCHEDULED', description: 'Export at the start time below' },
		],
		displayOptions: { show: { exportMode: ['DAILY_FULL_EXPORT'] } },
	},
];

const operationsParameter: INodeProperties = {
	displayName: 'Operations',
	name: 'operations',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Operation',
	default: {},
	description: 'Changes applied together in one PATCH, computed against the dataflow as it is now',
	options: [
		{ displayName: 'Add Audience', name: 'addAudience', values: addAudienceFields },
		{
			displayName: 'Add Profile Attributes',
			name: 'addProfileAttributes',
			values: [
				{
					displayName: 'Attribute Paths',
					name: 'paths',
					type: 'string',
					default: '',
					placeholder: 'e.g. person.name.firstName, personalEmail.address',
					description: 'XDM paths to export, separated by commas or new lines. Paths already in the dataflow are left as they are.',
				},
			],
		},
		{
			displayName: 'JSON Patch',
			name: 'jsonPatch',
			values: [
				{
					displayName: 'Operations (JSON)',
					name: 'operations',
					type: 'json',
					default: '[]',
					description:
						'JSON Patch operations (add, replace, remove) sent after the others; index paths are yours to compute',
				},
			],
		},
		{
			displayName: 'Remove Audiences',
			name: 'removeAudiences',
			values: [
				{
					displayName: 'Audience Names or IDs',
					name: 'audienceIds',
					type: 'multiOptions',
					typeOptions: {
						loadOptionsMethod: 'getDataflowAudienceOptions',
						loadOptionsDependsOn: ['dataflow.value'],
					},
					default: [],
					description:
						'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
		{
			displayName: 'Remove Profile Attributes',
			name: 'removeProfileAttributes',
			values: [
				{
					displayName: 'Profile Attribute Names or IDs',
					name: 'paths',
					type: 'multiOptions',
					typeOptions: {
						loadOptionsMethod: 'getDataflowProfileAttributeOptions',
						loadOptionsDependsOn: ['dataflow.value'],
					},
					default: [],
					description:
						'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
		{
			displayName: 'Rename or Describe',
			name: 'rename',
			values: [
				{ displayName: 'New Name', name: 'name', type: 'string', default: '', description: 'Empty keeps the name' },
				{
					displayName: 'New Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Empty keeps the description',
				},
			],
		},
		{
			displayName: 'Set Deduplication Keys',
			name: 'deduplicationKeys',
			values: [
				{
					displayName: 'Attribute Paths',
					name: 'attributePaths',
					type: 'string',
					default: '',
					placeholder: 'e.g. personalEmail.address',
					description: 'Profile attributes that identify a profile in the export, separated by commas',
				},
				{
					displayName: 'Identity Namespaces',
					name: 'identityNamespaces',
					type: 'string',
					default: '',
					placeholder: 'e.g. ECID, GAID',
					description: 'Identity namespaces that identify a profile in the export, separated by commas',
				},
			],
		},
		{
			displayName: 'Set Mandatory Keys',
			name: 'mandatoryKeys',
			values: [
				{
					displayName: 'Fields',
					name: 'fields',
					type: 'string',
					default: '',
					placeholder: 'e.g. person.name.firstName, GAID',
					description: 'Attributes or identity namespaces every exported profile must have, separated by commas. Replaces the current list.',
				},
			],
		},
		{
			displayName: 'Set Mapping Set',
			name: 'mappingSet',
			values: [
				{
					displayName: 'Mapping Set ID',
					name: 'mappingId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 7acb0b72008d4ca1982970041834d40e',
					description: 'Data Prep mapping set describing the exported attributes and identities',
				},
				{
					displayName: 'Mapping Set Version',
					name: 'mappingVersion',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
				},
			],
		},
		{
			displayName: 'Set Marketing Actions',
			name: 'marketingActions',
			values: [
				{
					displayName: 'Marketing Action References',
					name: 'references',
					type: 'string',
					default: '',
					placeholder: 'e.g. /dulepolicy/marketingActions/custom/6b935bc8-bb9e-451b-a327-0ffddfb91e66/constraints',
					description: 'Data usage marketing actions enforced on this dataflow (sent as /policy enforcementRefs), separated by commas. Replaces the current list.',
				},
			],
		},
		{
			displayName: 'Update Dataset Schedule',
			name: 'datasetSchedule',
			values: [
				{
					displayName: 'End Time',
					name: 'endTime',
					type: 'dateTime',
					default: '',
					description: 'Empty keeps the current end time, if any',
				},
				{
					displayName: 'Export Mode',
					name: 'exportMode',
					type: 'options',
					default: '',
					options: [
						{ name: 'First Full Then Incremental', value: 'FIRST_FULL_THEN_INCREMENTAL' },
						{ name: 'Follow the Frequency', value: '' },
						{ name: 'One-Time Full Export (DAILY_FULL_EXPORT)', value: 'DAILY_FULL_EXPORT' },
					],
				},
				folderNameTemplateParameter('Empty keeps the current one.'),
				{
					displayName: 'Frequency',
					name: 'frequency',
					type: 'options',
					default: '',
					options: [...DATASET_FREQUENCY_OPTIONS, { name: 'Keep Current', value: '' }].sort((a, b) =>
						a.name.localeCompare(b.name),
					),
				},
				{
					displayName: 'Start Time',
					name: 'startTime',
					type: 'dateTime',
					default: '',
					description: 'Empty keeps the current start time',
				},
			],
		},
	],
};

interface OperationsValue {
	addAudience?: IDataObject[];
	addProfileAttributes?: Array<{ paths?: unknown }>;
	jsonPatch?: Array<{ operations?: unknown }>;
	removeAudiences?: Array<{ audienceIds?: unknown }>;
	removeProfileAttributes?: Array<{ paths?: unknown }>;
	rename?: Array<{ name?: string; description?: string }>;
	deduplicationKeys?: Array<{ attributePaths?: unknown; identityNamespaces?: unknown }>;
	mandatoryKeys?: Array<{ fields?: unknown }>;
	mappingSet?: Array<{ mappingId?: string; mappingVersion?: number }>;
	marketingActions?: Array<{ references?: unknown }>;
	datasetSchedule?: Array<{
		frequency?: unknown;
		startTime?: unknown;
		endTime?: unknown;
		exportMode?: string;
		folderNameTemplate?: string;
	}>;
}

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
function readChanges(operations: OperationsValue, nowMs: number, timeZone: string): DataflowChanges {
	const changes = emptyChanges();

	for (const audience of operations.addAudience ?? []) {
		const exportMode = String(audience.exportMode ?? 'DAILY_FULL_EXPORT');
		const full = exportMode.trim().toUpperCase() === 'DAILY_FULL_EXPORT';
		changes.addAudiences.push(
			buildAudienceSelector(
				{
					id: String(audience.audienceId ?? ''),
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
		if (rename.name?.trim()) changes.name = rename.name.trim();
		if (rename.description?.trim()) changes.description = rename.description.trim();
		if (changes.name === undefined && changes.description === undefined) {
			throw inputError('New Name', rename.name ?? '', 'Give a new name, a new description or both.');
		}
	}

	const mandatory = single(operations.mandatoryKeys, 'Set Mandatory Keys');
	if (mandatory) {
		changes.mandatoryFields = listOf(mandatory.fields);
		if (!changes.mandatoryFields.length) {
			throw inputError('Fields', mandatory.fields ?? '', 'Give at least one attribute path or identity namespace.');
		}
	}

	const deduplication = single(operations.deduplicationKeys, 'Set Deduplication Keys');
	if (deduplication) {
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
	}

	const mappingSet = single(operations.mappingSet, 'Set Mapping Set');
	if (mappingSet) {
		const mappingId = String(mappingSet.mappingId ?? '').trim();
		if (!/^[0-9a-zA-Z-]+$/.test(mappingId)) {
			throw inputError('Mapping Set ID', mappingSet.mappingId, 'Allowed: the ID of a Data Prep mapping set, e.g. 7acb0b72008d4ca1982970041834d40e.');
		}
		const mappingVersion = mappingSet.mappingVersion ?? 0;
		if (!Number.isInteger(mappingVersion) || mappingVersion < 0) {
			throw inputError('Mapping Set Version', mappingVersion, 'Allowed: a whole number, 0 or more.');
		}
		changes.mappingSet = { mappingId, mappingVersion };
	}

	const marketing = single(operations.marketingActions, 'Set Marketing Actions');
	if (marketing) {
		changes.marketingActions = listOf(marketing.references);
		const bad = changes.marketingActions.find((reference) => /\s/.test(reference));
		if (bad !== undefined) {
			throw inputError('Marketing Action References', bad, 'Allowed: references without spaces, separated by commas.');
		}
	}

	const schedule = single(operations.datasetSchedule, 'Update Dataset Schedule');
	if (schedule) {
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
			throw inputError('Frequency', '', 'Update Dataset Schedule needs at least one field to change.');
		}
	}

	for (const entry of operations.jsonPatch ?? []) changes.rawOperations.push(...parseRawPatch(entry.operations));

	checkChanges(changes);
	return changes;
}

export class AdobePatchDataflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AEP Patch Dataflow',
		name: 'adobePatchDataflow',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"Update dataflow"}}',
		description:
			'Update an Adobe Experience Platform destination dataflow: audiences, attributes, keys, policies, schedule, state',
		defaults: { name: 'AEP Patch Dataflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: `Reads the dataflow, applies the operations in one JSON Patch computed against it (etags are handled for you), then outputs the dataflow as it now is. <a href="${DOCS.activateAudiences}" target="_blank">Adobe's guide</a>`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			dataflowLocator(),
			operationsParameter,
			{
				displayName: 'Enable or Disable',
				name: 'state',
				type: 'options',
				default: '',
				options: [
					{ name: "Don't Change", value: '' },
					{ name: 'Disable', value: 'disable', description: 'Pause the dataflow' },
					{ name: 'Enable', value: 'enable', description: 'Resume the dataflow' },
				],
				description: 'Whether to enable or disable the dataflow after the operations',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Attempts on Conflict',
						name: 'maxAttempts',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10 },
						default: MAX_PATCH_ATTEMPTS,
						description:
							'How many times to read the dataflow and send the patch when AEP answers 412 because someone else changed it in between',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchDestinationDataflows },
		loadOptions: { getDataflowAudienceOptions, getDataflowProfileAttributeOptions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executePerItem(this, async (itemIndex) => {
			const node = this.getNode();
			const flowId = getDataflowId(this, itemIndex);
			const operations = this.getNodeParameter('operations', itemIndex, {}) as OperationsValue;
			const state = this.getNodeParameter('state', itemIndex, '') as '' | 'enable' | 'disable';
			if (!['', 'enable', 'disable'].includes(state)) {
				throw invalidParameter(this, 'Enable or Disable', state, 'Allowed: "enable", "disable", or empty to leave the state.', itemIndex);
			}
			const options = this.getNodeParameter('options', itemIndex, {}) as { maxAttempts?: number };
			const maxAttempts = requireWholeNumber(
				this,
				'Attempts on Conflict',
				options.maxAttempts ?? MAX_PATCH_ATTEMPTS,
				1,
				10,
				itemIndex,
			);
			const nowMs = Date.now();
			const changes = withParameterErrors(node, itemIndex, () =>
				readChanges(operations, nowMs, this.getTimezone()),
			);
			if (!hasChanges(changes) && !state) {
				throw invalidParameter(
					this,
					'Operations',
					'none',
					'Add at least one operation, or choose Enable or Disable.',
					itemIndex,
				);
			}

			let patch: PatchResult | undefined;
			if (hasChanges(changes)) {
				try {
					patch = await patchDataflow(this, flowId, (flow) => buildPatch(flow, changes, nowMs), {
						itemIndex,
						maxAttempts,
					});
				} catch (error) {
					throw asParameterError(node, error, itemIndex);
				}
			}

			let stateChanged = false;
			const wanted = state === 'enable' ? 'enabled' : 'disabled';
			if (state && String(patch?.before.state ?? '').toLowerCase() !== wanted) {
				await setDataflowState(this, flowId, state, itemIndex);
				stateChanged = true;
			}

			const sent = Boolean(patch?.statusCode) || stateChanged;
			const flow = sent || !patch ? await getDataflow(this, flowId, itemIndex) : patch.before;
			const operationsSent: JsonPatchOperation[] = patch?.operations ?? [];
			return [
				dataflowItem(flow, {
					etag: flow.etag ?? patch?.etag ?? null,
					operations: operationsSent as unknown as IDataObject[],
					patchStatus: patch?.statusCode ?? null,
					attempts: patch?.attempts ?? 0,
					stateChanged,
				}),
			];
		});
	}
}
