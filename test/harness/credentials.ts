/**
 * A credentials helper that behaves like n8n's own (packages/cli/src/credentials-helper.ts):
 * generic `authenticate` with expressions, `preAuthentication` when the expirable property is
 * empty or a request answered 401, and the fetched token kept for later requests and executions.
 */
import { tokenFingerprint } from '../../credentials/AepPlatformApi.credentials';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';

import { loadPackage } from './engine';

interface StoredCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, StoredCredential>();

	/** How often each credential's preAuthentication ran (token fetches). */
	readonly preAuthenticationCalls = new Map<string, number>();

	constructor(credentials: Record<string, StoredCredential> = {}) {
		super();
		for (const [id, credential] of Object.entries(credentials)) this.set(id, credential);
	}

	set(id: string, credential: StoredCredential) {
		this.store.set(id, { type: credential.type, data: { ...credential.data } });
	}

	/** What n8n would have saved (encrypted) for the credential. */
	stored(id: string): ICredentialDataDecryptedObject {
		return { ...this.byId(id).data };
	}

	private byId(id: string | null | undefined): StoredCredential {
		const credential = id ? this.store.get(id) : undefined;
		if (!credential) throw new Error(`no credential with id ${id}`);
		return credential;
	}

	private credentialType(name: string): ICredentialType {
		const type = loadPackage().credentials.get(name);
		if (!type) throw new Error(`unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialType(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = type.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new Error('generic authentication needs a workflow and node');
			for (const [outerKey, values] of Object.entries(authenticate.properties)) {
				const target = ((options as unknown as Record<string, IDataObject>)[outerKey] ??= {});
				for (const [key, value] of Object.entries(values as IDataObject)) {
					target[resolve(workflow, node, key, credentials)] = resolve(
						workflow,
						node,
						String(value),
						credentials,
					);
				}
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const id = node.credentials?.[typeName]?.id;
		if (id) {
			this.preAuthenticationCalls.set(id, (this.preAuthenticationCalls.get(id) ?? 0) + 1);
			await this.updateCredentials({ id, name: '' }, typeName, { ...this.byId(id).data, ...output });
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const stored = this.byId(nodeCredentials.id);
		return {
			id: nodeCredentials.id ?? undefined,
			name: nodeCredentials.name,
			type,
			data: undefined,
			getData: () => ({ ...stored.data }),
			getDataToSave: () => ({ data: '', id: nodeCredentials.id ?? undefined, name: nodeCredentials.name, type }),
			setData: () => {},
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.byId(nodeCredentials.id);
		if (stored.type !== type) throw new Error(`credential ${nodeCredentials.id} is a ${stored.type}, not a ${type}`);
		// Defaults fill what the user left untouched, as n8n does when it loads a credential.
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.type !== 'notice') withDefaults[property.name] = property.default as never;
		}
		return { ...withDefaults, ...stored.data };
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.byId(nodeCredentials.id);
		this.store.set(nodeCredentials.id!, { type: stored.type ?? type, data: { ...data } });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialType(type).properties;
	}
}

function resolve(
	workflow: Workflow,
	node: INode,
	value: string,
	credentials: ICredentialDataDecryptedObject,
): string {
	if (!isExpression(value)) return value;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials } as never,
		undefined,
		'',
	);
	return resolved === undefined || resolved === null ? '' : String(resolved);
}

/**
 * The credential as a user fills it in: test values, no token yet. Given a token, it is one
 * obtained with these values (as `preAuthentication` records it) unless `tokenFor` says otherwise.
 */
export function aepCredentialData(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const data: ICredentialDataDecryptedObject = {
		clientId: 'test-client-id',
		clientSecret: 'p8e-TEST-SECRET-never-leak',
		organizationId: '0123456789ABCDEF01234567@AdobeOrg',
		sandboxName: 'dev-sandbox',
		accessToken: '',
		...overrides,
	};
	if (data.accessToken && data.tokenFor === undefined) data.tokenFor = tokenFingerprint(data);
	return data;
}

export function aepCredentials(overrides: ICredentialDataDecryptedObject = {}, id = 'aep-1') {
	return new TestCredentialsHelper({ [id]: { type: 'aepPlatformApi', data: aepCredentialData(overrides) } });
}
