import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { ExportType } from '../shared/catalogue';
import {
	destinationLocator,
	exportTypeParameter,
	flowSpecsFor,
	getDestinationId,
	getExportType,
	searchDestinations,
} from '../shared/catalogue';
import { CREDENTIAL_NAME, DOCS } from '../shared/constants';
import { withParameterErrors } from '../shared/dataflow/errors';
import {
	AUTOMATIC_FLOW_SPEC,
	connectionLocator,
	getFlowSpecOptions,
	searchSourceConnections,
	searchTargetConnections,
} from '../shared/dataflow/pickers';
import { buildDatasetSchedule, parseDatasetFrequency, parseDateTime } from '../shared/dataflow/schedule';
import { ifExistsParameter, nameParameter } from '../shared/descriptions/create';
import { DATASET_FREQUENCY_OPTIONS, folderNameTemplateParameter } from '../shared/descriptions/dataflow';
import { executePerItem } from '../shared/execute';
import { createdOrReused, findOrCreate, getNameAndIfExists } from '../shared/findOrCreate';
import { DESTINATION_FLOW_FILTER } from '../shared/methods/dataflows';
import { aepRequestBody } from '../AdobeExperiencePlatform/transport';
import { invalidParameter } from '../shared/validation';

/** Audience dataflows are created with empty selectors; AEP Patch Dataflow fills them. */
const AUDIENCE_LAYOUTS: Record<string, IDataObject[]> = {
	// Seed 002 and OpenAPI Create_Batch_Destination_Flow: selectors listed in the dataflow.
	profileSelectors: [
		{ name: 'GeneralTransform', params: { segmentSelectors: { selectors: [] }, profileSelectors: { selectors: [] } } },
	],
	// OpenAPI Create_Batch_Destination_Flow_Segment_V2, library 004 (Azure Blob): a Data Prep mapping set.
	mappingSet: [
		{
			name: 'GeneralTransform',
			params: { mandatoryFields: [], primaryFields: [], profileMapping: {}, segmentSelectors: { selectors: [] } },
		},
	],
	// Library 004 (the other destinations): no transformation, AEP adds it.
	none: [],
};

interface FlowSpecRef {
	id: string;
	version: string;
	name?: string;
}

/** The flow spec picked, or the one the catalogue has for the destination and export type. */
async function resolveFlowSpec(
	ctx: IExecuteFunctions,
	itemIndex: number,
	exportType: ExportType,
): Promise<FlowSpecRef> {
	const picked = String(ctx.getNodeParameter('flowSpec', itemIndex, AUTOMATIC_FLOW_SPEC) ?? '').trim();
	if (picked) return { id: picked, version: '1.0' };
	// Only an automatic choice needs the destination.
	const destinationId = getDestinationId(ctx, itemIndex);
	const specs = await flowSpecsFor(ctx, destinationId, exportType);
	if (specs.length === 1) return { id: specs[0].id, version: specs[0].version ?? '1.0', name: specs[0].name };
	const found = specs.map((spec) => `${spec.name} (${spec.id})`).join(', ');
	throw new NodeOperationError(
		ctx.getNode(),
		specs.length === 0
			? `No flow spec takes ${exportType} to destination ${destinationId}`
			: `Several flow specs take ${exportType} to destination ${destinationId}: ${found}`,
		{
			itemIndex,
			description:
				specs.length === 0
					? 'Check the destination and the export type, or pick a flow spec by ID.'
					: 'Pick one of them in "Flow Spec".',
		},
	);
}

function connectionId(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof raw === 'string' ? raw.trim() : '';
	if (!id || /\s/.test(id)) {
		throw invalidParameter(
			ctx,
			label,
			raw,
			`Allowed: the ${label.toLowerCase()} ID (a UUID such as 12ab90c7-519c-4291-bd20-d64186b62da8), picked from the list or taken from an earlier node's output.`,
			itemIndex,
		);
	}
	return id;
}

/** Why an existing dataflow with the same name is not the one asked for. */
function dataflowMismatch(
	existing: IDataObject,
	flowSpec: FlowSpecRef,
	sourceConnectionId: string,
	targetConnectionId: string,
): string | undefined {
	const existingSpec = (existing.flowSpec as IDataObject | undefined)?.id;
	if (existingSpec !== undefined && existingSpec !== flowSpec.id) {
		return `it uses flow spec ${String(existingSpec)}, not ${flowSpec.id}`;
	}
	const sources = (existing.sourceConnectionIds ?? []) as string[];
	if (sources.length && !sources.includes(sourceConnectionId)) {
		return `its source connection is ${sources.join(', ')}, not ${sourceConnectionId}`;
	}
	const targets = (existing.targetConnectionIds ?? []) as string[];
	if (targets.length && !targets.includes(targetConnectionId)) {
		return `its target connection is ${targets.join(', ')}, not ${targetConnectionId}`;
	}
	return undefined;
}

const showForDatasets = { show: { exportType: ['datasets'] } };

export class AdobeCreateDataflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AEP Create Dataflow',
		name: 'adobeCreateDataflow',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["exportType"] === "audiences" ? "Audience dataflow" : "Dataset dataflow"}}',
		description:
			'Create an Adobe Experience Platform destination dataflow from a source and a target connection',
		defaults: { name: 'AEP Create Dataflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: `Ties a source connection to a target connection. Dataset dataflows carry their export schedule; audience dataflows start empty and get their audiences from AEP Patch Dataflow. <a href="${DOCS.exportDatasets}" target="_blank">Adobe's guide</a>`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
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
				description: 'The empty skeleton AEP Patch Dataflow later fills with audiences and attributes',
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
		],
	};

	methods = {
		listSearch: { searchDestinations, searchSourceConnections, searchTargetConnections },
		loadOptions: { getFlowSpecOptions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executePerItem(this, async (itemIndex) => {
			const node = this.getNode();
			const exportType = getExportType(this, itemIndex);
			const { name: typedName, ifExists } = getNameAndIfExists(this, itemIndex, 'dataflow');
			const name = typedName.trim();
			const description = String(this.getNodeParameter('description', itemIndex, '')).trim();
			const sourceConnectionId = connectionId(this, itemIndex, 'sourceConnection', 'Source Connection');
			const targetConnectionId = connectionId(this, itemIndex, 'targetConnection', 'Target Connection');

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
				path: '/flows',
				resource: 'dataflow',
				name,
				ifExists,
				itemIndex,
				filters: [DESTINATION_FLOW_FILTER],
				create: async () => await aepRequestBody(this, { method: 'POST', path: '/flows', body, itemIndex }),
				mismatch: (existing) => dataflowMismatch(existing, flowSpec, sourceConnectionId, targetConnectionId),
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
					state: result.created ? null : (result.record.state ?? null),
				},
			];
		});
	}
}
