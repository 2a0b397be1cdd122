/**
 * Canary secrets and the credentials that carry them. Every secret field (`password` type option) of
 * every storage credential gets a distinctive value; other fields get plausible values that pass the
 * destinations' auth specs. Values are fixed (not random) so a report can be grepped.
 */
import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import type { Secret } from './checks';

/** The Adobe client secret the simulation expects (and that must never show). */
export const CLIENT_SECRET_CANARY = 'p8e-CNRYclientSecret/7Qx+9Lm=Zz';
export const CLIENT_ID = 'fault-suite-client';
export const ORGANIZATION_ID = 'FA17FA17FA17FA17FA17FA17@AdobeOrg';

/** A 40-character S3-shaped secret key (`^[A-Za-z0-9/+]{40}$`) with a canary core. */
function fortyChars(core: string): string {
	return `${core}/${'Kd4Rt+Wv8Yb1Nc3Hj5Lm7Pq9Sx2Uz6Ae0Gi'}`.slice(0, 40);
}

/** The canary core of one secret field: distinct per credential type and field, alphanumeric plus `+/`. */
function coreOf(type: string, field: string): string {
	const short = type.replace(/Api$/, '').replace(/[^A-Za-z0-9]/g, '').slice(-9);
	return `CNRY${short}${field.slice(0, 4)}+7Qx/9Lm`;
}

/** What a secret field holds, built around its core. */
function secretValue(field: string, core: string): string {
	if (field === 'secretAccessKey') return fortyChars(core.replace(/[^A-Za-z0-9/+]/g, ''));
	if (field === 'secretConnectionString') {
		return `DefaultEndpointsProtocol=https;AccountName=faultsuite;AccountKey=${core};EndpointSuffix=core.windows.net`;
	}
	if (field === 'privateKey') {
		return `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${core}AAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----`;
	}
	if (field === 'secretParametersJson') {
		return JSON.stringify({ s3AccessKey: 'AKIAFAULTSUITE234567', s3SecretKey: fortyChars(core.replace(/[^A-Za-z0-9/+]/g, '')) });
	}
	return `${core}!2Xc#q`;
}

const PLAIN_VALUES: Record<string, string | number> = {
	accessKeyId: 'AKIAFAULTSUITE234567',
	host: 'sftp.faults.example.com',
	port: 22,
	username: 'aep-faults',
	url: 'https://faultsuite.dfs.core.windows.net',
	tenant: 'faultsuite.onmicrosoft.com',
	servicePrincipalId: '0a17fa17-0000-4000-a000-00000000fa17',
};

export interface StorageCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
	secrets: Secret[];
}

/** A storage credential of `type` filled with canaries (its field list comes from the credential type). */
export function storageCredential(type: string, properties: INodeProperties[]): StorageCredential {
	const data: ICredentialDataDecryptedObject = {};
	const secrets: Secret[] = [];
	for (const property of properties) {
		if (property.type === 'notice' || property.type === 'hidden') continue;
		if (property.typeOptions?.password) {
			const core = coreOf(type, property.name);
			const value = secretValue(property.name, core);
			data[property.name] = value;
			// The S3-shaped keys are cut to 40 characters: scan for what was kept of the core.
			const kept = value.includes(core) ? core : value.slice(0, 20);
			secrets.push({ label: `${type}.${property.name}`, value: kept });
		} else {
			data[property.name] = (PLAIN_VALUES[property.name] ?? property.default ?? 'fault-suite') as never;
		}
	}
	return { type, data, secrets };
}

export function platformCredentialData(
	properties: INodeProperties[],
	sandboxName: string,
	origin: string,
	imsPath: string,
): { data: ICredentialDataDecryptedObject; timeoutSetting?: string } {
	const data: ICredentialDataDecryptedObject = {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET_CANARY,
		organizationId: ORGANIZATION_ID,
		sandboxName,
		accessToken: '',
		showAdvanced: true,
		imsTokenUrl: `${origin}${imsPath}`,
		gatewayUrl: origin,
	};
	// A per-request timeout setting, if the credential has one, is kept short so a silent server
	// costs seconds, not minutes.
	const timeout = properties.find((p) => /timeout/i.test(p.name) && p.type === 'number');
	if (timeout) data[timeout.name] = /ms$/i.test(timeout.name) ? 2000 : 2;
	return { data, timeoutSetting: timeout?.name };
}
