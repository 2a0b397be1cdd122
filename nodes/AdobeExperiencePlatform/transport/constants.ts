/** Name of the Adobe credential type every request authenticates with. */
export const CREDENTIAL_NAME = 'aepPlatformApi';

/** Flow Service lives below the Platform gateway at this path. */
export const FLOW_SERVICE_PATH = '/data/foundation/flowservice';
