export { cachedPerExecution } from './cache';
export { mapBounded, PARALLEL_REQUEST_LIMIT } from './concurrency';
export { CREDENTIAL_NAME, FLOW_SERVICE_PATH } from './constants';
export type { AepErrorInfo } from './errors';
export { readAepError } from './errors';
export type { ListRequest } from './paging';
export { aepListByContinuation, aepListByStartLimit, continuationTokenOf, MAX_PAGE_SIZE } from './paging';
export { aepRequest, aepRequestBody, setRetryPolicy } from './request';
export type { AepContext, AepRequest, AepResponse } from './types';
