/** How tests address the package's nodes: the action node by resource and operation, and the trigger. */
import type { IDataObject } from 'n8n-workflow';

export const ACTION_NODE = 'adobeExperiencePlatform';
export const TRIGGER_NODE = 'adobeExperiencePlatformTrigger';

export interface OperationAddress {
	nodeType: string;
	resource: string;
	operation: string;
}

/** One operation of the Adobe Experience Platform node, e.g. `aepOperation('dataflow', 'patch')`. */
export function aepOperation(resource: string, operation: string): OperationAddress {
	return { nodeType: ACTION_NODE, resource, operation };
}

/** The node type name and the parameters, with `resource` and `operation` first when an operation is addressed. */
export function addressed<P extends IDataObject>(
	node: string | OperationAddress,
	parameters: P,
): { type: string; parameters: P } {
	if (typeof node === 'string') return { type: node, parameters };
	return {
		type: node.nodeType,
		parameters: { resource: node.resource, operation: node.operation, ...parameters },
	};
}
