/** File encryption settings (PGP/GPG) as a destination's `encryptionSpecs` describe them. */
import type { IDataObject } from 'n8n-workflow';

import { keyTextToBase64 } from './storageCredentials/authParams';

/** The property of an encryption spec that holds the algorithm (`encryptionAlgo`). */
export function algorithmProperty(encryptionSchema: IDataObject | undefined): string | undefined {
	const properties = (encryptionSchema?.properties ?? {}) as Record<string, IDataObject>;
	return Object.keys(properties).find((name) => /algo/i.test(name));
}

/** The property of an encryption spec that holds the public key (`publicKey`). */
export function publicKeyProperty(encryptionSchema: IDataObject | undefined): string | undefined {
	const properties = (encryptionSchema?.properties ?? {}) as Record<string, IDataObject>;
	return Object.keys(properties).find((name) => /key/i.test(name));
}

const ARMORED = /-----BEGIN [A-Z ]+-----/;

/** AEP takes the public key Base64-encoded: an armored key is encoded, a Base64 one loses its line breaks. */
export function normalizePublicKey(publicKey: string): string {
	const trimmed = publicKey.trim();
	if (ARMORED.test(trimmed)) return keyTextToBase64(trimmed);
	return trimmed.replace(/\s+/g, '');
}
