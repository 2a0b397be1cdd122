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
	/** Path below `/data/foundation/flowservice`, e.g. `/flows` (below the gateway with `otherService`). */
	path: string;
	/** Another Platform service on the same gateway and credential (ad hoc activation, audiences): `path` is below the gateway. */
	otherService?: boolean;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: Record<string, string>;
	itemIndex?: number;
	/** What a create makes, for messages ("the dataflow may have been created"). */
	creates?: string;
	/** A 2xx answer without a JSON body is expected (DELETE answers 204, some 200 with nothing). */
	emptyAnswerOk?: boolean;
	/** Epoch ms after which no attempt starts and no attempt outlives (a wait's own timeout). */
	deadline?: number;
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
	/** A 2xx answer whose body is not the JSON asked for (empty, HTML, cut short). */
	unreadable?: boolean;
	/** What was wrong with an unreadable answer, when it was JSON but not what was asked ("it held no ID"). */
	unreadableReason?: string;
	/** The answer's headers came, then the connection failed while its body was read. */
	readFailed?: boolean;
	/** A 3xx answer, not followed: where it pointed. */
	redirectTo?: string;
	/** The host that could not be reached or read from. */
	host?: string;
	/** The credential's URL would send secrets over plain http. */
	insecure?: string;
}
