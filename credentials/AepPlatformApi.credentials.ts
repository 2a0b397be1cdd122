import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export const DEFAULT_IMS_TOKEN_URL = 'https://ims-na1.adobelogin.com/ims/token/v3';
export const DEFAULT_GATEWAY_URL = 'https://platform.adobe.io';
export const DEFAULT_SCOPES =
	'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';

interface ImsTokenResponse {
	access_token?: string;
	expires_in?: number;
	error?: string;
	error_description?: string;
}

interface ImsToken {
	accessToken: string;
	/** Epoch ms; 0 when IMS gave no lifetime (then the token is not reused from memory). */
	expiresAt: number;
}

interface FetchedToken extends ImsToken {
	fetchedAt: number;
	/** Fetched because a token was refused: callers refused with an older one may take it. */
	replacement: boolean;
}

/**
 * The tokens this process asked IMS for, by token URL, client, scopes and secret (in memory only,
 * never logged). n8n keeps the token in the credential (in the database, shared by main and
 * workers) but saves it only after `preAuthentication` returns: executions that read the
 * credential before that save, or whose request was refused with a token another execution has
 * already replaced, would each ask IMS again. They get the token this process already holds.
 */
const tokenRequestsInFlight = new Map<string, Promise<FetchedToken>>();
const tokensFetched = new Map<string, FetchedToken>();
const MAX_TOKENS_REMEMBERED = 100;
/** A remembered token is handed out only while it has this long left. */
const TOKEN_EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/**
 * How long a replacement is handed to callers refused with an older token: those refusals come from
 * the same expiry. A token fetched before the refusal may have been revoked with it: never reused then.
 */
const REPLACEMENT_REUSE_MS = 60 * 1000;

function rememberToken(key: string, token: FetchedToken): void {
	tokensFetched.delete(key);
	tokensFetched.set(key, token);
	for (const oldest of tokensFetched.keys()) {
		if (tokensFetched.size <= MAX_TOKENS_REMEMBERED) break;
		tokensFetched.delete(oldest);
	}
}

/** Forgets every token this process fetched (tests start each case from an empty process). */
export function forgetImsTokens(): void {
	tokensFetched.clear();
	tokenRequestsInFlight.clear();
}

/**
 * Adobe's OAuth Server-to-Server credential. The access token is fetched by `preAuthentication`
 * into a hidden expirable property: n8n stores it encrypted, reuses it for every request and
 * execution, and calls `preAuthentication` again when a request answers 401.
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
			description: "Whether to change Adobe's token or gateway URL (stage gateway, local simulation)",
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
			description: 'Use https://platform-stage.adobe.io for the stage gateway',
			displayOptions: { show: { showAdvanced: [true] } },
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// One IMS request per credential and process until the token expires (see tokensFetched).
		const key = [
			String(credentials.imsTokenUrl || DEFAULT_IMS_TOKEN_URL),
			String(credentials.clientId ?? '').trim(),
			String(credentials.scopes || DEFAULT_SCOPES).replace(/\s+/g, ''),
			String(credentials.clientSecret ?? ''),
		].join('\n');
		// The token the caller holds: empty when n8n has none stored, else the one just refused.
		const held = String(credentials.accessToken ?? '');
		const known = tokensFetched.get(key);
		const now = Date.now();
		if (
			known &&
			known.accessToken !== held &&
			known.expiresAt - TOKEN_EXPIRY_MARGIN_MS > now &&
			(held === '' || (known.replacement && now - known.fetchedAt < REPLACEMENT_REUSE_MS))
		) {
			return { accessToken: known.accessToken };
		}
		let request = tokenRequestsInFlight.get(key);
		if (!request) {
			request = requestImsToken(this, credentials).then((token) => ({
				...token,
				fetchedAt: Date.now(),
				replacement: held !== '',
			}));
			tokenRequestsInFlight.set(key, request);
			request.then(
				(token) => {
					tokenRequestsInFlight.delete(key);
					rememberToken(key, token);
				},
				() => tokenRequestsInFlight.delete(key),
			);
		}
		return { accessToken: (await request).accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'x-api-key': '={{$credentials.clientId.trim()}}',
				'x-gw-ims-org-id':
					'={{ $credentials.organizationId.trim().endsWith("@AdobeOrg") ? $credentials.organizationId.trim() : $credentials.organizationId.trim() + "@AdobeOrg" }}',
				'x-sandbox-name': '={{$credentials.sandboxName.trim()}}',
			},
		},
	};

	// Proves the token and a cheap Flow Service call in the chosen sandbox.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{($credentials.gatewayUrl || "${DEFAULT_GATEWAY_URL}").replace(/\\/+$/, "")}}/data/foundation/flowservice`,
			url: '/connectionSpecs/23598e46-f560-407b-88d5-ea6207e49db0',
			method: 'GET',
		},
	};
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

async function requestImsToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ImsToken> {
	const requestedAt = Date.now();
	const response = (await helper.helpers.httpRequest({
		method: 'POST',
		url: String(credentials.imsTokenUrl || DEFAULT_IMS_TOKEN_URL),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		// The secret travels only in the form body, never in the URL.
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? '').trim(),
			client_secret: String(credentials.clientSecret ?? ''),
			scope: String(credentials.scopes || DEFAULT_SCOPES).replace(/\s+/g, ''),
		}).toString(),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	const body = (typeof response.body === 'string' ? safeJson(response.body) : response.body) as
		| ImsTokenResponse
		| undefined;
	if (response.statusCode >= 400 || !body?.access_token) {
		const reason = body?.error_description ?? body?.error ?? `HTTP ${response.statusCode}`;
		// Only IMS's own words and the error code: never the request, which holds the secret.
		throw new Error(
			`Adobe IMS refused the token request: ${reason}${body?.error ? ` (${body.error})` : ''}`,
		);
	}
	const lifetimeSeconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 0;
	return { accessToken: body.access_token, expiresAt: lifetimeSeconds ? requestedAt + lifetimeSeconds * 1000 : 0 };
}
