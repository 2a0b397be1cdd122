import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	conditionalContext,
	destinationLocator,
	exportTypeParameter,
	getConnectionSpec,
	getDestinationId,
	getExportType,
	searchDestinations,
} from '../shared/catalogue';
import { CREDENTIAL_NAME, DOCS } from '../shared/constants';
import { descriptionOption, ifExistsParameter, nameParameter } from '../shared/descriptions/create';
import { executePerItem } from '../shared/execute';
import { createdOrReused, findOrCreate, getNameAndIfExists } from '../shared/findOrCreate';
import { getTargetParameterFields } from '../shared/methods/connections';
import { aepRequestBody } from '../AdobeExperiencePlatform/transport';
import { requireUuid } from '../shared/validation';
import { buildTargetParams, targetMismatch } from './params';

export class AdobeCreateTargetConnection implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AEP Create Target Connection',
		name: 'adobeCreateTargetConnection',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["name"]}}',
		description:
			'Create an Adobe Experience Platform target connection: where and how a destination receives exported files',
		defaults: { name: 'AEP Create Target Connection' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: `Sets the export location and file format. The target parameters are generated from the destination's live connection spec for the chosen export type, and checked against it before sending. Output: the target connection's ID and flow spec for AEP Create Dataflow. <a href="${DOCS.exportDatasets}" target="_blank">Adobe's guide</a>`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
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
					'The base connection holding the credentials. Leave empty to use the ID of the incoming item, as output by AEP Create Base Connection.',
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
				options: [descriptionOption('target connection')],
			},
		],
	};

	methods = {
		listSearch: { searchDestinations },
		resourceMapping: { getTargetParameterFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
			const options = this.getNodeParameter('options', itemIndex, {}) as { description?: string };

			const [spec, { flowSpec }] = await Promise.all([
				getConnectionSpec(this, destinationId, itemIndex),
				conditionalContext(this, destinationId, exportType),
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
				path: '/targetConnections',
				resource: 'target connection',
				name,
				ifExists,
				itemIndex,
				create: async () =>
					await aepRequestBody(this, { method: 'POST', path: '/targetConnections', body, itemIndex }),
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
					// What AEP Create Dataflow needs besides the IDs: the flow spec the parameters were checked for.
					flowSpec: flowSpec.id ? { id: flowSpec.id, version: flowSpec.version ?? '1.0' } : null,
				},
			];
		});
	}
}

/** The typed Base Connection ID, or when left empty the incoming item's `id`. */
function baseConnectionIdOf(ctx: IExecuteFunctions, itemIndex: number): unknown {
	const typed = String(ctx.getNodeParameter('baseConnectionId', itemIndex, '') ?? '').trim();
	return typed || (ctx.getInputData()[itemIndex]?.json?.id ?? typed);
}
