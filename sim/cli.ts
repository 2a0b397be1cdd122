/**
 * Starts the simulation from a shell:
 *   npx tsx sim/cli.ts --port 0 [--client-id ID] [--client-secret SECRET] [--org ORG@AdobeOrg]
 * (or `npm run sim -- --port 0`). The first line printed is the URL; Ctrl+C stops it.
 * `--dataset-count N` sets the eligible datasets per sandbox, `--latency MS` delays every answer
 * (the benchmark runs the simulation this way, in its own process).
 * Defaults come from AEP_SIM_CLIENT_ID / AEP_SIM_CLIENT_SECRET / AEP_SIM_ORG_ID, then
 * "sim-client-id" / "sim-client-secret" / any organization.
 */
import { startSimulation } from './index';

const DEFAULT_CLIENT_SECRET = 'sim-client-secret';

const USAGE = `Usage: npx tsx sim/cli.ts [--port N] [--client-id ID] [--client-secret SECRET] [--org ORG@AdobeOrg]
                           [--fixtures DIR] [--patch-response spec|seed] [--dataset-count N] [--latency MS]`;

function parseArgs(argv: string[]): Record<string, string> {
	const args: Record<string, string> = {};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
		const value = match[2] ?? argv[++index];
		if (value === undefined) throw new Error(`--${match[1]} needs a value\n${USAGE}`);
		args[match[1]] = value;
	}
	return args;
}

function wholeNumber(value: string, option: string): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0) throw new Error(`${option} ${value} is not a whole number`);
	return number;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const port = Number(args.port ?? 0);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${args.port} is not a port number`);
	const patchResponse = args['patch-response'] ?? 'spec';
	if (patchResponse !== 'spec' && patchResponse !== 'seed') throw new Error('--patch-response must be spec or seed');
	const clientId = args['client-id'] ?? process.env.AEP_SIM_CLIENT_ID ?? 'sim-client-id';
	const configuredSecret = args['client-secret'] ?? process.env.AEP_SIM_CLIENT_SECRET;
	const organizationId = args.org ?? process.env.AEP_SIM_ORG_ID;
	const simulation = await startSimulation({
		port,
		clientId,
		clientSecret: configuredSecret ?? DEFAULT_CLIENT_SECRET,
		organizationId,
		fixturesDir: args.fixtures,
		patchResponse,
		...(args['dataset-count'] ? { datasetCount: wholeNumber(args['dataset-count'], '--dataset-count') } : {}),
	});
	if (args.latency) simulation.faults.delay(wholeNumber(args.latency, '--latency'));
	// The first line is the URL alone (e2e/test.sh reads it); then what an n8n credential needs.
	console.log(simulation.url);
	console.log(`
In n8n, create an Adobe Experience Platform API credential with:
  Client ID:            ${clientId}
  Client Secret:        ${configuredSecret === undefined ? DEFAULT_CLIENT_SECRET : '(the one you set with --client-secret or AEP_SIM_CLIENT_SECRET)'}
  Organization ID:      ${organizationId ?? 'any value ending in @AdobeOrg, e.g. SIM0123456789ABCDEF0123@AdobeOrg'}
  Sandbox Name:         any, e.g. prod
  Scopes:               leave the default
and under Show Advanced Settings:
  IMS Token URL:        ${simulation.imsTokenUrl}
  Platform Gateway URL: ${simulation.gatewayUrl}
Storage credentials (Amazon S3 Access Key etc.): any values in the documented format.
Control API: ${simulation.url}/__sim/ (requests, reset, faults/*, flows/{id}/runs, datasets); see sim/README.md.
Ctrl+C stops the simulation.`);
	const stop = () => {
		simulation.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error((error as Error).message ?? error);
	process.exit(1);
});
