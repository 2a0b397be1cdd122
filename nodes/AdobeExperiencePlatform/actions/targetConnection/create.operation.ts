import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { conditionalContext, getConnectionSpec } from '../../api/catalogue';
import { createRecord } from '../../api/collections';
import { exportTypeParameter, operationNotice } from '../../descriptions/common';
import { descriptionOption, ifExistsParameter, nameParameter, refreshCatalogueOption } from '../../descriptions/create';
import { destinationLocator } from '../../descriptions/locators';
import { DOCS } from '../../domain/constants';
import { isSameConnection } from '../../domain/identity';
import { executePerItem } from '../../helpers/execute';
import { createdOrReused, findOrCreate, getNameAndIfExists } from '../../helpers/findOrCreate';
import { getDestinationId, getExportType } from '../../helpers/parameters';
import { requireUuid } from '../../helpers/validation';
import { buildTargetParams, targetMismatch } from './params';

const properties: INodeProperties[] = [
	operationNotice(
		"Sets the export location and file format. The target parameters are generated from the destination's live connection spec for the chosen export type, and checked against it before sending. Output: the target connection's ID and flow spec for Dataflow → Create.",
		DOCS.exportDatasets,
	),
	exportTypeParameter,
	destinationLocator(),
	nameParameter('target connection', 'e.g. Amazon S3 Target Connection'),
	{
		displayName: 'Base Connection ID',
		name: 'baseConnectionId',
		type: 'string',
		// Empty by default rather than ={{ $json.id }}: the editor resolves every expression of the
		// node before it refreshes Target Parameters, and $json throws while there is no input yet.
		default: '',
		placeholder: 'Empty: the ID of the incoming item',
		description:
			'The base connection holding the credentials. Leave empty to use the ID of the incoming item, as output by Base Connection → Create.',
	},
	{
		displayName: 'Target Parameters',
		name: 'targetParameters',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['destination.value', 'exportType'],
			resourceMapper: {
				resourceMapperMethod: 'getTargetParameterFields',
				mode: 'add',
				valuesLabel: 'Target Parameters',
				fieldWords: { singular: 'parameter', plural: 'parameters' },
				addAllFields: true,
				supportAutoMap: false,
				noFieldsError: "The destination's connection spec defines no target parameters",
			},
		},
		description: "Folder path, file type, compression and the other parameters of the destination's targetSpec",
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'Server-to-server',
		options: [
			{ name: 'Server-to-Server', value: 'Server-to-server', description: "Sent as params.mode, as in every Adobe example" },
			{ name: 'Leave Out', value: '', description: 'Send no params.mode' },
		],
		description:
			"Sent as params.mode unless the destination's target parameters define the mode themselves",
	},
	ifExistsParameter('target connection'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			descriptionOption('target connection'),
			refreshCatalogueOption,
			{
				displayName: 'Include Manifest File',
				name: 'includeFileManifest',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/exportType': ['audiences'] } },
				description:
					"Whether AEP writes a manifest file (JSON, listing the exported files and their record counts) next to each audience export, as Adobe's option of the same name",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['targetConnection'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const destinationId = getDestinationId(this, itemIndex);
		const exportType = getExportType(this, itemIndex);
		const { name, ifExists } = getNameAndIfExists(this, itemIndex, 'target connection');
		const baseConnectionId = requireUuid(
			this,
			'Base Connection ID',
			baseConnectionIdOf(this, itemIndex),
			'Allowed: the ID of a base connection (a UUID); when left empty, the incoming item\'s id, as output by AEP Create Base Connection.',
			itemIndex,
		);
		const mapper = this.getNodeParameter('targetParameters', itemIndex, {}) as { value?: IDataObject | null };
		const mode = String(this.getNodeParameter('mode', itemIndex, '') ?? '');
		const options = this.getNodeParameter('options', itemIndex, {}) as {
			description?: string;
			includeFileManifest?: boolean;
			refreshCatalogue?: boolean;
		};
		const read = { refresh: options.refreshCatalogue === true };

		const [spec, { flowSpec }] = await Promise.all([
			getConnectionSpec(this, destinationId, itemIndex, read),
			conditionalContext(this, destinationId, exportType, read),
		]);
		const includeFileManifest = exportType === 'audiences' && options.includeFileManifest === true;
		const params = buildTargetParams(
			this,
			{ spec, exportType, flowSpec, values: mapper.value, mode, includeFileManifest },
			itemIndex,
		);
		const connectionSpec = { id: spec.id, version: spec.version ?? '1.0' };
		const body: IDataObject = {
			name,
			...(options.description ? { description: options.description } : {}),
			baseConnectionId,
			params,
			connectionSpec,
		};
		const result = await findOrCreate(this, {
			collection: 'targetConnections',
			resource: 'target connection',
			name,
			ifExists,
			itemIndex,
			create: async () => await createRecord(this, 'targetConnections', body, itemIndex),
			identity: (existing) => isSameConnection(existing, { connectionSpecId: spec.id, baseConnectionId }),
			mismatch: (existing) => targetMismatch(existing, params),
		});
		// Reused: the target connection as it is in AEP.
		const record: IDataObject = result.created ? { connectionSpec, baseConnectionId, params } : result.record;
		return [
			{
				...createdOrReused(result, name),
				connectionSpec: record.connectionSpec ?? connectionSpec,
				destination: spec.name,
				baseConnectionId: record.baseConnectionId ?? null,
				params: record.params ?? null,
				exportType,
				// What Dataflow → Create needs besides the IDs: the flow spec the parameters were checked for.
				flowSpec: flowSpec.id ? { id: flowSpec.id, version: flowSpec.version ?? '1.0' } : null,
			},
		];
	});
}

/** The typed Base Connection ID, or when left empty the incoming item's `id`. */
function baseConnectionIdOf(ctx: IExecuteFunctions, itemIndex: number): unknown {
	const typed = String(ctx.getNodeParameter('baseConnectionId', itemIndex, '') ?? '').trim();
	return typed || (ctx.getInputData()[itemIndex]?.json?.id ?? typed);
}
