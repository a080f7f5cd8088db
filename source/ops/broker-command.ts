// The context's brokerCommands argv templates, expanded and run. {host} and {port} come from the
// cluster's metadata, which any broker (or whoever controls one) writes: a host advertised as
// `-oProxyCommand=…` would become an option of the operator's ssh. So every substituted value is
// checked for its syntax before anything is spawned, and the child does not inherit the variables
// the context's secrets came from unless the context says so (brokerCommands.passSecrets).
import {spawn} from 'node:child_process';
import {StringDecoder} from 'node:string_decoder';
import net from 'node:net';
import {KconError} from '../errors.js';
import type {Settings} from '../config/settings.js';

export interface ArgvValues {
	id: number;
	/** '' when unknown (a start has no metadata of the stopped broker) */
	host: string;
	port: number | string;
	signal: string;
}

const label = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/** A DNS name, an IPv4 or an IPv6 literal (bare or in brackets): nothing an argv parser takes for an option. */
export function validHost(host: string): boolean {
	if (host === '' || host.length > 253) return false;
	if (net.isIPv4(host) || net.isIPv6(host)) return true;
	if (host.startsWith('[') && host.endsWith(']')) return net.isIPv6(host.slice(1, -1));
	return host.replace(/\.$/, '').split('.').every((l) => label.test(l));
}

/** Why a value cannot go into the argv (null when it can); only the placeholders the template uses are checked. */
function problem(argv: string[], values: ArgvValues): string | null {
	const uses = (p: string) => argv.some((a) => a.includes(`{${p}}`));
	if (uses('id') && !(Number.isSafeInteger(values.id) && values.id >= 0)) return `broker id ${JSON.stringify(values.id)} is not a whole number`;
	if (uses('host')) {
		if (values.host === '') return `the host of broker ${values.id} is not known`;
		if (!validHost(values.host)) return `broker ${values.id} advertises the host ${JSON.stringify(values.host)}, which is not a host name or IP address`;
	}
	if (uses('port')) {
		const port = Number(values.port);
		if (values.port === '' || !Number.isInteger(port) || port < 1 || port > 65535) return `broker ${values.id} advertises the port ${JSON.stringify(values.port)}, which is not a port number`;
	}
	if (uses('signal') && !/^(KILL|TERM)?$/.test(values.signal)) return `signal ${JSON.stringify(values.signal)} is not KILL or TERM`;
	return null;
}

/**
 * Placeholders {id}, {host}, {port}, {signal} replaced in every argv element, after checking each
 * value the template uses; a value that fails is refused (exit 2) before anything runs.
 */
export function expandArgv(argv: string[], values: ArgvValues): string[] {
	const why = problem(argv, values);
	if (why) throw new KconError(`refusing to run ${argv[0]}: ${why}; nothing was run`, 2, 'refused');
	return argv.map((a) =>
		a
			.replaceAll('{id}', String(values.id))
			.replaceAll('{host}', values.host)
			.replaceAll('{port}', String(values.port))
			.replaceAll('{signal}', values.signal),
	);
}

/** kcon's environment without the variables the context's secrets came from (unless passSecrets). */
export function childEnv(settings: Settings, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	if (settings.brokerCommands?.passSecrets) return {...env};
	const names = new Set(settings.secretEnv ?? []);
	const values = new Set([settings.sasl?.password, settings.ssl?.passphrase].filter((v): v is string => Boolean(v)));
	return Object.fromEntries(Object.entries(env).filter(([k, v]) => !names.has(k) && !(v !== undefined && values.has(v))));
}

/** Where a command's output goes as it arrives (the CLI passes it on as kcon's own text). */
export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

/** Runs argv without a shell, killed after timeoutMs; its output goes to `onOutput`, or into `capture`. */
export function runCommand(argv: string[], timeoutMs: number, options: {settings: Settings; onOutput?: OutputSink}, capture?: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const [command, ...args] = argv;
		const child = spawn(command!, args, {stdio: ['ignore', 'pipe', 'pipe'], shell: false, env: childEnv(options.settings)});
		const stdout = new StringDecoder('utf8');
		const stderr = new StringDecoder('utf8');
		child.stdout.on('data', (d: Buffer) => (capture ? capture.push(d.toString()) : options.onOutput?.('stdout', stdout.write(d))));
		child.stderr.on('data', (d: Buffer) => (capture ? capture.push(d.toString()) : options.onOutput?.('stderr', stderr.write(d))));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new KconError(`${argv.join(' ')} did not finish within ${Math.round(timeoutMs / 1000)} s (killed)`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(new KconError(`cannot run ${command}: ${error.message}`));
		});
		child.on('close', (code, sig) => {
			clearTimeout(timer);
			if (code === 0) resolve();
			else reject(new KconError(`${argv.join(' ')} failed (${sig ? `signal ${sig}` : `exit ${code}`})`));
		});
	});
}
