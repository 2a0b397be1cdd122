import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as audience from './audience/Audience.resource';
import * as baseConnection from './baseConnection/BaseConnection.resource';
import * as dataLandingZone from './dataLandingZone/DataLandingZone.resource';
import * as dataflow from './dataflow/Dataflow.resource';
import * as dataset from './dataset/Dataset.resource';
import * as run from './run/Run.resource';
import * as sourceConnection from './sourceConnection/SourceConnection.resource';
import * as targetConnection from './targetConnection/TargetConnection.resource';

/**
 * Everything about the node but what n8n's package scanner reads from the node file itself (name,
 * icon, group and the credential slots): the resources, their operations and their fields.
 */
export const versionDescription: Omit<INodeTypeDescription, 'displayName' | 'name' | 'group' | 'icon' | 'subtitle' | 'usableAsTool' | 'credentials'> = {
	// 1.1: Source Connection → Create picks datasets from a paged list (see its Datasets field).
	version: [1, 1.1],
	defaultVersion: 1.1,
	description:
		'Export datasets and activate audiences to cloud storage with Adobe Experience Platform (AEP) Flow Service',
	defaults: { name: 'Adobe Experience Platform' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Audience', value: 'audience' },
				{ name: 'Base Connection', value: 'baseConnection' },
				{ name: 'Data Landing Zone', value: 'dataLandingZone' },
				{ name: 'Dataflow', value: 'dataflow' },
				{ name: 'Dataset', value: 'dataset' },
				{ name: 'Run', value: 'run' },
				{ name: 'Source Connection', value: 'sourceConnection' },
				{ name: 'Target Connection', value: 'targetConnection' },
			],
			default: 'dataset',
		},
		...dataset.description,
		...sourceConnection.description,
		...baseConnection.description,
		...targetConnection.description,
		...dataflow.description,
		...run.description,
		...audience.description,
		...dataLandingZone.description,
	],
};
