import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** The Operation field of one resource: its operations, each with the action text the nodes panel shows. */
export function operationField(resource: string, operations: INodePropertyOptions[], initial: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations,
		default: initial,
	};
}
