import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { conditionalContext, getConnectionSpec } from '../../api/catalogue';
import { createRecord } from '../../api/collections';
import { exportTypeParameter, operationNotice } from '../../descriptions/common';
import { descriptionOption, ifExistsParameter, nameParameter, refreshCatalogueOption } from '../../descriptions/create';
import { destinationLocator } from '../../descriptions/locators';
import { DOCS } from '../../domain/constants';
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
		type: 'string',
		default: 'Server-to-server',
		description:
			"Sent as params.mode, as in every Adobe example, unless the destination's targetSpec defines the mode itself. Leave empty to leave it out.",
	},
	ifExistsParameter('target connection'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [descriptionOption('target connection'), refreshCatalogueOption],
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
		const options = this.getNodeParameter('options', itemIndex, {}) as { description?: string; refreshCatalogue?: boolean };
		const read = { refresh: options.refreshCatalogue === true };

		const [spec, { flowSpec }] = await Promise.all([
			getConnectionSpec(this, destinationId, itemIndex, read),
			conditionalContext(this, destinationId, exportType, read),
		]);
		const params = buildTargetParams(this, { spec, exportType, flowSpec, values: mapper.value, mode }, itemIndex);
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
			mismatch: (existing) => targetMismatch(existing, spec, baseConnectionId, params),
		});
		return [
			{
				...createdOrReused(result, name),
				connectionSpec: result.created ? connectionSpec : (result.record.connectionSpec ?? connectionSpec),
				destination: spec.name,
				baseConnectionId,
				params: result.created ? params : (result.record.params ?? params),
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
