import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DATASET_FREQUENCY_OPTIONS, folderNameTemplateParameter } from '../../descriptions/dataflow';
import { addAudienceFields } from './patch.audienceFields';

/** The changes Dataflow → Patch applies, several kinds in one fixed collection. */
export const operationsParameter: INodeProperties = {
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
					displayName: 'Frequency',
					name: 'frequency',
					type: 'options',
					default: '',
					options: [{ name: 'Keep Current', value: '' }, ...DATASET_FREQUENCY_OPTIONS],
				},
				{
					displayName: 'Start Time',
					name: 'startTime',
					type: 'dateTime',
					default: '',
					description: 'Empty keeps the current start time',
				},
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
			],
		},
	],
};

export interface OperationsValue {
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
