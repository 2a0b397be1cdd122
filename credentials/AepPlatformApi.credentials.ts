import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { aepAuthHeaders, tokenFingerprint } from '../nodes/AdobeExperiencePlatform/transport/authHeaders';
import {
	DEFAULT_IMS_TOKEN_URL,
	DEFAULT_SCOPES,
} from '../nodes/AdobeExperiencePlatform/transport/imsToken';
import { forgetImsTokens, imsTokenFor } from '../nodes/AdobeExperiencePlatform/transport/imsTokenMemory';

export { DEFAULT_IMS_TOKEN_URL, DEFAULT_SCOPES, forgetImsTokens, tokenFingerprint };
export const DEFAULT_GATEWAY_URL = 'https://platform.adobe.io';

/**
 * Adobe's OAuth Server-to-Server credential. The access token is fetched by `preAuthentication`
 * into a hidden expirable property: n8n stores it encrypted, reuses it for every request and
 * execution, and calls `preAuthentication` again when a request answers 401. A token obtained
 * with other values than the form holds now (a changed secret, client ID, scopes or IMS URL) is
 * not sent: the placeholder sent instead gets a 401, so the next test or request fetches a token
 * with the current values.
 */
export class AepPlatformApi implements ICredentialType {
	name = 'aepPlatformApi';

	displayName = 'Adobe Experience Platform (AEP) API';

	icon: Icon = {
		light: 'file:../icons/aep.svg',
		dark: 'file:../icons/aep.dark.svg',
	};

	documentationUrl =
		'https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Obtained For',
			name: 'tokenFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: 'The API key of the OAuth Server-to-Server credential in Adobe Developer Console',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '0123456789ABCDEF01234567@AdobeOrg',
			description: 'The IMS organization ID, ending in @AdobeOrg (added if you leave it out)',
		},
		{
			displayName: 'Sandbox Name',
			name: 'sandboxName',
			type: 'string',
			required: true,
			default: 'prod',
			description:
				'The sandbox every call runs in. Adobe silently uses "prod" when the header is missing, so it is always sent.',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: DEFAULT_SCOPES,
			description: 'Comma-separated scopes of the credential, as shown in Adobe Developer Console',
		},
		{
			displayName: 'Show Advanced Settings',
			name: 'showAdvanced',
			type: 'boolean',
			default: false,
			description:
				"Whether to change Adobe's token or gateway URL (stage gateway, local simulation) or the request timeout",
		},
		{
			displayName: 'IMS Token URL',
			name: 'imsTokenUrl',
			type: 'string',
			default: DEFAULT_IMS_TOKEN_URL,
			displayOptions: { show: { showAdvanced: [true] } },
		},
		{
			displayName: 'Platform Gateway URL',
			name: 'gatewayUrl',
			type: 'string',
			default: DEFAULT_GATEWAY_URL,
			description: 'Use https://platform-stage.adobe.io for the stage gateway. Must be https (http only for localhost).',
			displayOptions: { show: { showAdvanced: [true] } },
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: 60,
			description: 'How long one request to IMS or AEP may take before it is abandoned (and, for reads, retried)',
			displayOptions: { show: { showAdvanced: [true] } },
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// One IMS request per credential values and process until the token expires.
		const tokenFor = tokenFingerprint(credentials);
		return { accessToken: await imsTokenFor(this, credentials, tokenFor), tokenFor };
	}

	// The same headers the node's requests carry (built there once per node run): one definition.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, ...aepAuthHeaders(credentials) },
	});

	// Proves the token and a cheap Flow Service call in the chosen sandbox.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{($credentials.gatewayUrl || "${DEFAULT_GATEWAY_URL}").replace(/\\/+$/, "")}}/data/foundation/flowservice`,
			url: '/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0',
			method: 'GET',
			// The token goes with the test request: a redirect must not carry it elsewhere.
			disableFollowRedirect: true,
			timeout: 60_000,
		},
	};
}
