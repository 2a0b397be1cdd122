import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getConnectionSpec } from '../../api/catalogue';
import { patchRecord } from '../../api/patchRecord';
import { getRecord } from '../../api/records';
import { operationNotice } from '../../descriptions/common';
import { existingConnectionLocator } from '../../descriptions/connectionLocators';
import type { JsonSchema } from '../../domain/schema/types';
import { validateSchema } from '../../domain/schema/validate';
import { connectionOutput, getConnectionRecordId } from '../../helpers/connectionRecords';
import { schemaViolationError } from '../../helpers/errors';
import { executePerItem } from '../../helpers/execute';
import { invalidParameter, requireUuid } from '../../helpers/validation';

const EDIT_DOCS = 'https://experienceleague.adobe.com/en/docs/experience-platform/destinations/api/edit-destination';

const properties: INodeProperties[] = [
	operationNotice(
		"Moves an export: the parameters given replace the target connection's, the result is checked against the destination's live target spec, then sent as a PATCH of <code>/params</code> with the connection's etag.",
		EDIT_DOCS,
	),
	existingConnectionLocator('target'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Bucket Name', name: 'bucketName', type: 'string', default: '', description: 'Amazon S3 and Google Cloud Storage' },
			{ displayName: 'Container', name: 'container', type: 'string', default: '', description: 'Azure Blob Storage' },
			{
				displayName: 'Other Parameters (JSON)',
				name: 'otherParams',
				type: 'json',
				default: '{}',
				description: 'Any other target parameters, as the destination\'s target spec names them, e.g. {"compression": "GZIP"}',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '', description: 'Folder in the bucket or container (S3, Blob, GCS, ADLS Gen2)' },
			{ displayName: 'Remote Path', name: 'remotePath', type: 'string', default: '', description: 'SFTP folder' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['targetConnection'], operation: ['update'] } }, properties);

function readChanges(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { otherParams, ...named } = fields;
	let other: unknown = otherParams ?? {};
	if (typeof other === 'string') {
		try {
			other = JSON.parse(other || '{}');
		} catch {
			throw invalidParameter(ctx, 'Other Parameters (JSON)', otherParams, 'Allowed: a JSON object such as {"compression": "GZIP"}.', itemIndex);
		}
	}
	if (!other || typeof other !== 'object' || Array.isArray(other)) {
		throw invalidParameter(ctx, 'Other Parameters (JSON)', otherParams, 'Allowed: a JSON object such as {"compression": "GZIP"}.', itemIndex);
	}
	const changes: IDataObject = { ...(other as IDataObject) };
	for (const [key, value] of Object.entries(named)) if (typeof value === 'string' && value.trim() !== '') changes[key] = value.trim();
	if (Object.keys(changes).length === 0) throw invalidParameter(ctx, 'Update Fields', 'none', 'Add at least one parameter to change.', itemIndex);
	return changes;
}


export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, async (itemIndex) => {
		const id = getConnectionRecordId(this, 'target', itemIndex);
		const changes = readChanges(this, itemIndex);
		const patch = await patchRecord(
			this,
			'targetConnections',
			id,
			async (record) => {
				const specId = requireUuid(this, 'Target Connection', (record.connectionSpec as IDataObject | undefined)?.id, 'Allowed: a target connection whose connection spec AEP names.', itemIndex);
				const spec = await getConnectionSpec(this, specId, itemIndex);
				const schema: JsonSchema = spec.targetSpec?.spec ?? { type: 'object', properties: {} };
				const params = { ...((record.params ?? {}) as IDataObject), ...changes };
				const violations = validateSchema(schema, params, { context: {} });
				if (violations.length) {
					throw schemaViolationError(this.getNode(), violations, { subject: 'Update Fields', schemaName: `the ${spec.name} targetSpec` }, itemIndex);
				}
				return [{ op: 'replace', path: '/params', value: params }];
			},
			itemIndex,
		);
		const after = await getRecord(this, 'targetConnections', id, itemIndex);
		return [{ ...connectionOutput(after), changed: Object.keys(changes), attempts: patch.attempts }];
	});
}
