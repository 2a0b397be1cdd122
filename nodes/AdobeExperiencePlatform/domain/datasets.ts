/** How the dataset pickers (version 1's multi-select and version 1.1's list) show an eligible dataset. */
import type { IDataObject } from 'n8n-workflow';

/** Its name, its ID as the value, and ID and state beneath. */
export function datasetChoice(dataset: IDataObject): { name: string; value: string; description: string } {
	return {
		name: String(dataset.name ?? dataset.id),
		value: String(dataset.id),
		description: `ID ${String(dataset.id)}${dataset.state ? `, ${String(dataset.state)}` : ''}`,
	};
}
