/**
 * Import first. n8n-core's InstanceSettings writes an encryption key to `$N8N_USER_FOLDER/.n8n/config`,
 * by default in the user's home, where a real n8n installed later would pick it up. The project's
 * scripts point N8N_USER_FOLDER at a temporary folder instead (set before n8n-core reads its config,
 * inherited by child processes) and remove it on exit. An N8N_USER_FOLDER set by the caller is kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	const folder = mkdtempSync(path.join(os.tmpdir(), 'aep-n8n-user-'));
	process.env.N8N_USER_FOLDER = folder;
	// a key for this run only (n8n would otherwise announce that it generates one)
	process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('base64');
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
	// Ctrl+C (e.g. `npm run demo -- --keep`) would skip the exit handlers otherwise
	process.once('SIGINT', () => process.exit(130));
	process.once('SIGTERM', () => process.exit(143));
}
