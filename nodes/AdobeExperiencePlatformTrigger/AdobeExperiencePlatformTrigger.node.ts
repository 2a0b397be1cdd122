import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchDestinationDataflows } from '../AdobeExperiencePlatform/methods/listSearch';
import { CREDENTIAL_NAME } from '../AdobeExperiencePlatform/transport/constants';
import { triggerProperties } from './description';
import { pollRuns } from './poll';

export class AdobeExperiencePlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe Experience Platform Trigger',
		name: 'adobeExperiencePlatformTrigger',
		icon: { light: 'file:../../icons/aep.svg', dark: 'file:../../icons/aep.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"On " + ($parameter["events"] ?? [$parameter["event"]]).join(", ")}}',
		description:
			'Starts the workflow when an Adobe Experience Platform dataflow run fails, finishes, starts or is delayed, skips too many records, does not happen, or when a dataflow is about to end',
		defaults: { name: 'Adobe Experience Platform Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchDestinationDataflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollRuns(this);
	}
}
