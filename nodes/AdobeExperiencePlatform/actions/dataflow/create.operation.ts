import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createRecord } from '../../api/collections';
import { DESTINATION_FLOW_FILTER } from '../../api/flows';
import { exportTypeParameter, operationNotice } from '../../descriptions/common';
import { ifExistsParameter, nameParameter } from '../../descriptions/create';
import { AUTOMATIC_FLOW_SPEC, DATASET_FREQUENCY_OPTIONS, folderNameTemplateParameter } from '../../descriptions/dataflow';
import { connectionLocator, destinationLocator } from '../../descriptions/locators';
import { AUDIENCE_LAYOUTS } from '../../domain/audienceLayouts';
import { DOCS } from '../../domain/constants';
import { isSameDataflow } from '../../domain/dataflow';
import { buildDatasetSchedule, parseDatasetFrequency } from '../../domain/datasetSchedule';
import { parseDateTime } from '../../domain/dates';
import { withParameterErrors } from '../../helpers/errors';
import { executePerItem } from '../../helpers/execute';
import { createdOrReused, findOrCreate, getNameAndIfExists } from '../../helpers/findOrCreate';
import { getConnectionId, getExportType } from '../../helpers/parameters';
import { invalidParameter } from '../../helpers/validation';
import { datasetFlowStop } from './expiryGuard';
import { resolveFlowSpec } from './flowSpec';

const showForDatasets = { show: { exportType: ['datasets'] } };

const properties: INodeProperties[] = [
	operationNotice(
		'Ties a source connection to a target connection. Dataset dataflows carry their export schedule; audience dataflows start empty and get their audiences from Dataflow → Patch.',
		DOCS.exportDatasets,
	),
	exportTypeParameter,
	destinationLocator({
		default: { mode: 'id', value: '={{ $json.connectionSpec?.id }}' },
		required: false,
		description:
			'The destination the flow spec is chosen for. By default, the one the incoming target connection was made for.',
	}),
	{
		displayName: 'Flow Spec Name or ID',
		name: 'flowSpec',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getFlowSpecOptions',
			loadOptionsDependsOn: ['exportType', 'destination.value'],
		},
		default: AUTOMATIC_FLOW_SPEC,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	connectionLocator('source'),
	connectionLocator('target'),
	nameParameter('dataflow', 'e.g. Activate datasets to Amazon S3'),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Frequency',
		name: 'frequency',
		type: 'options',
		default: 'hour:3',
		displayOptions: showForDatasets,
		options: DATASET_FREQUENCY_OPTIONS,
		description: 'How often the datasets are exported. An expression may also say "24 hours" (daily).',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		displayOptions: showForDatasets,
		description: 'First export; empty means now. Sent as epoch seconds.',
	},
	{
		displayName: 'Audience Dataflow Layout',
		name: 'audienceLayout',
		type: 'options',
		default: 'profileSelectors',
		displayOptions: { show: { exportType: ['audiences'] } },
		options: [
			{
				name: 'Mapping Set',
				value: 'mappingSet',
				description:
					'Exported attributes come from a Data Prep mapping set (mandatoryFields, primaryFields, profileMapping, segmentSelectors)',
			},
			{
				name: 'No Transformation',
				value: 'none',
				description: 'Send an empty transformations list, as Adobe\'s file-destination tutorial does',
			},
			{
				name: 'Profile Selectors',
				value: 'profileSelectors',
				description: 'Exported attributes are listed in the dataflow (segmentSelectors, profileSelectors)',
			},
		],
		description: 'The empty skeleton Dataflow → Patch later fills with audiences and attributes',
	},
	ifExistsParameter('dataflow'),
	{
		displayName: 'Schedule Options',
		name: 'scheduleOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForDatasets,
		options: [
			{
				displayName: 'End Time',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description: 'When exports stop. Sent as epoch seconds.',
			},
			{
				displayName: 'Export Mode',
				name: 'exportMode',
				type: 'options',
				default: 'FIRST_FULL_THEN_INCREMENTAL',
				options: [
					{
						name: 'First Full Then Incremental',
						value: 'FIRST_FULL_THEN_INCREMENTAL',
						description: 'A full snapshot first, then what was added since the previous export',
					},
					{
						name: 'Full Export (DAILY_FULL_EXPORT)',
						value: 'DAILY_FULL_EXPORT',
						description: 'Only for a one-time export (Frequency "Once")',
					},
				],
				description: 'Sent only when set; a one-time export is always DAILY_FULL_EXPORT',
			},
			folderNameTemplateParameter('Folder of each export.'),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataflow'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const node = this.getNode();
		const exportType = getExportType(this, itemIndex);
		const { name: typedName, ifExists } = getNameAndIfExists(this, itemIndex, 'dataflow');
		const name = typedName.trim();
		const description = String(this.getNodeParameter('description', itemIndex, '')).trim();
		const sourceConnectionId = getConnectionId(this, itemIndex, 'sourceConnection', 'Source Connection');
		const targetConnectionId = getConnectionId(this, itemIndex, 'targetConnection', 'Target Connection');

		// Everything the user typed is checked before the first request.
		let scheduleParams: IDataObject | undefined;
		let transformations: IDataObject[] = [];
		if (exportType === 'datasets') {
			const options = this.getNodeParameter('scheduleOptions', itemIndex, {}) as {
				endTime?: unknown;
				exportMode?: string;
				folderNameTemplate?: string;
			};
			const timeZone = this.getTimezone();
			scheduleParams = withParameterErrors(node, itemIndex, () =>
				buildDatasetSchedule(
					{
						frequency: parseDatasetFrequency(this.getNodeParameter('frequency', itemIndex)),
						startTime: parseDateTime(this.getNodeParameter('startTime', itemIndex, ''), timeZone) ?? Date.now(),
						endTime: parseDateTime(options.endTime, timeZone),
						exportMode: options.exportMode,
						folderNameTemplate: options.folderNameTemplate,
					},
					Date.now(),
				),
			);
		} else {
			const layout = this.getNodeParameter('audienceLayout', itemIndex, 'profileSelectors') as string;
			if (!(layout in AUDIENCE_LAYOUTS)) {
				throw invalidParameter(
					this,
					'Audience Dataflow Layout',
					layout,
					`Allowed: ${Object.keys(AUDIENCE_LAYOUTS).join(', ')}.`,
					itemIndex,
				);
			}
			transformations = structuredClone(AUDIENCE_LAYOUTS[layout]);
		}

		const flowSpec = await resolveFlowSpec(this, itemIndex, exportType);
		const body: IDataObject = {
			name,
			...(description ? { description } : {}),
			flowSpec: { id: flowSpec.id, version: flowSpec.version },
			sourceConnectionIds: [sourceConnectionId],
			targetConnectionIds: [targetConnectionId],
			transformations,
			...(scheduleParams ? { scheduleParams } : {}),
		};
		const result = await findOrCreate(this, {
			collection: 'flows',
			resource: 'dataflow',
			name,
			ifExists,
			itemIndex,
			filters: [DESTINATION_FLOW_FILTER],
			create: async () => await createRecord(this, 'flows', body, itemIndex),
			identity: (existing) => isSameDataflow(existing, flowSpec, sourceConnectionId, targetConnectionId),
		});
		const existing = result.created ? body : result.record;
		return [
			{
				...createdOrReused(result, name),
				exportType,
				flowSpec: existing.flowSpec ?? body.flowSpec,
				...(flowSpec.name ? { flowSpecName: flowSpec.name } : {}),
				sourceConnectionIds: existing.sourceConnectionIds ?? body.sourceConnectionIds,
				targetConnectionIds: existing.targetConnectionIds ?? body.targetConnectionIds,
				scheduleParams: existing.scheduleParams ?? null,
				// With the etag, Patch Dataflow can change this flow without reading it first.
				transformations: existing.transformations ?? body.transformations,
				state: result.created ? null : (result.record.state ?? null),
				...(exportType === 'datasets' ? datasetFlowStop(this, existing, Date.now()) : {}),
			},
		];
	});
}
