import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** Every context a node runs requests from. */
export type AepContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export interface AepRequest {
	method: IHttpRequestMethods;
	/** Path below `/data/foundation/flowservice`, e.g. `/flows`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: Record<string, string>;
	itemIndex?: number;
}

export interface AepResponse<T = IDataObject> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
}

/** What a failed attempt left us: an HTTP answer, or a network error. */
export interface Failure {
	statusCode?: number;
	headers?: Record<string, string>;
	body?: unknown;
	networkCode?: string;
	message?: string;
}
