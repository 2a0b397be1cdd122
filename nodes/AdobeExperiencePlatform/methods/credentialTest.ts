import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { describeViolation } from '../domain/schema/describeViolation';
import { validateSchema } from '../domain/schema/validate';
import { mapCredentialToAuthParams, readCustomAuthJson } from '../domain/storageCredentials/authParams';
import { withCredentialField } from '../domain/storageCredentials/credentialViolations';
import { CUSTOM_AUTH_CREDENTIAL, storageCredentialKind } from '../domain/storageCredentials/registry';

/**
 * Credential test (`testedBy`): n8n cannot reach a bucket or SFTP server on AEP's behalf, and a
 * storage credential carries no Adobe credential to fetch the live authSpec with. So the values are
 * checked here, without sending them anywhere, against the authSpec Adobe documents for that kind;
 * the node checks them again against the live authSpec before it creates a base connection.
 */
export async function validateStorageCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	if (credential.type === CUSTOM_AUTH_CREDENTIAL) {
		const custom = readCustomAuthJson(data.secretParametersJson);
		if ('problem' in custom) return { status: 'Error', message: custom.problem };
		const count = Object.keys(custom.params).length;
		if (count === 0) return { status: 'Error', message: 'The JSON holds no authentication parameters' };
		return {
			status: 'OK',
			message: `A JSON object with ${count} parameter${count === 1 ? '' : 's'}: the node checks it against the destination's live authSpec before sending it`,
		};
	}
	const kind = storageCredentialKind(credential.type);
	if (!kind?.reference) return { status: 'Error', message: `Unknown storage credential type "${credential.type}"` };
	const { destination, specName, spec } = kind.reference;
	const { params } = mapCredentialToAuthParams(kind, data, spec);
	const violations = withCredentialField(kind, validateSchema(spec, params));
	if (violations.length) {
		return {
			status: 'Error',
			message: describeViolation(violations[0], {
				subject: 'this credential',
				schemaName: `Adobe's "${specName}" auth method of ${destination}`,
				secret: true,
			}),
		};
	}
	return {
		status: 'OK',
		message: `The values have the form ${destination}'s "${specName}" auth method expects. Only AEP can try them against the storage: it does so when the base connection is created.`,
	};
}
