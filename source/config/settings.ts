// Flags + env + config file -> one validated Settings object for talking to a Kafka cluster.
//
// Where the brokers come from, first match wins:
//   1. --lab                    the running local lab (stateDir()/lab/state.json, field `bootstrap`)
//   2. --context NAME           a named context from the config file (-b then overrides its brokers)
//   3. -b/--brokers host:port,… (no context: plaintext, no auth)
//   4. KCON_BROKERS             same format as -b
//   5. the config file's `currentContext`, when the file names one
// --lab together with -b or --context is a usage error (which cluster did you mean?).
// --bootstrap-server (as Kafka's tools spell it) is -b by another name; giving both is a usage error.
// --command-config FILE (a Java client.properties, config/client-properties.ts) sets the SASL and TLS
// settings over whatever the context says; it does not go with --lab.
//
// Config file (JSON, default ~/.config/kcon/config.json, or --config FILE):
// {
//   "currentContext": "prod",
//   "contexts": {
//     "prod": {
//       "brokers": ["kafka1:9093", "kafka2:9093"],          // or "kafka1:9093,kafka2:9093"
//       "sasl": {"mechanism": "scram-sha-512", "username": "ops",
//                "password": {"env": "KAFKA_PASSWORD"}},      // or a literal string
//       "tls": {"ca": "/etc/kafka/ca.pem", "cert": "client.pem", "key": "client.key",
//               "passphrase": {"env": "KEY_PASS"}, "servername": "kafka1", "rejectUnauthorized": true},
//       "readOnly": true
//     }
//   }
// }
// "tls": true means TLS with the system CAs. Relative file paths are relative to the config file.
// Secrets (password, passphrase) are resolved here and never printed: use redact() for display.
import path from 'node:path';
import {KconError, UsageError} from '../errors.js';
import {defaultConfigFile, stateDir} from './paths.js';
import {readClientProperties} from './client-properties.js';
import {readConfigObject} from './context-file.js';
import {readLabStateText} from './lab-state-file.js';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface SaslSettings {
	mechanism: SaslMechanism;
	username: string;
	password: string;
}

export interface TlsSettings {
	/** file paths (absolute); the gateway reads them when it connects */
	ca?: string;
	cert?: string;
	key?: string;
	passphrase?: string;
	servername?: string;
	/** default true; false only when the config file says so */
	rejectUnauthorized: boolean;
}

export type SettingsSource = 'flag' | 'env' | 'lab' | 'context';

export interface Settings {
	/** bootstrap addresses, host:port */
	brokers: string[];
	sasl?: SaslSettings;
	ssl?: TlsSettings;
	/** the named context in use, if any */
	context?: string;
	/** refuse every action that changes the cluster */
	readOnly: boolean;
	/** the lab's state directory when --lab was used (stateDir()/lab) */
	labStateDir?: string;
	/** where the brokers came from (for messages such as "no broker reachable") */
	source: SettingsSource;
	/** the config file that was read, if any */
	configFile?: string;
	/** context "brokerCommands": how `kcon broker kill|start` reaches brokers outside the lab */
	brokerCommands?: BrokerCommands;
	/** the environment variables the secrets were read from ({"env": NAME}); kept from child processes */
	secretEnv?: string[];
}

/**
 * argv (no shell) with {id}, {host}, {port}, {signal} placeholders, either one template for every
 * broker or one per broker id: {"kill": ["docker","kill","broker{id}"]} or {"kill": {"3": [...]}}.
 */
export type BrokerCommand = string[] | Record<string, string[]>;

export interface BrokerCommands {
	kill?: BrokerCommand;
	start?: BrokerCommand;
	/** per command run, default 60 s */
	timeoutMs: number;
	/**
	 * "passSecrets": true hands the commands the environment variables the context's secrets come
	 * from (and any variable holding the SASL password or TLS passphrase); by default they are removed
	 */
	passSecrets: boolean;
}

/** The connection flags as parseCommandArgs(argv, {...connectionOptions}) returns them. */
export interface ConnectionValues {
	brokers?: string;
	'bootstrap-server'?: string;
	'command-config'?: string;
	lab?: boolean;
	context?: string;
	config?: string;
	'read-only'?: boolean;
	[other: string]: unknown;
}

export interface ResolveOptions {
	env?: NodeJS.ProcessEnv;
	/** require brokers (default true); false returns brokers [] when none is configured */
	requireBrokers?: boolean;
}

const mechanisms: SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

export function resolveSettings(values: ConnectionValues, options: ResolveOptions = {}): Settings {
	const commandConfig = values['command-config'];
	if (typeof commandConfig !== 'string') return resolveConnection(values, options);
	if (values.lab) throw new UsageError('--command-config cannot be combined with --lab (the lab is plaintext)');
	const security = readClientProperties(commandConfig);
	const settings = resolveConnection(values, options);
	// the file says how to connect: what it does not ask for (plaintext, no SASL) is not kept from a context
	const {sasl: _sasl, ssl: _ssl, ...rest} = settings;
	return {...rest, ...security};
}

function resolveConnection(values: ConnectionValues, options: ResolveOptions): Settings {
	const env = options.env ?? process.env;
	const flagReadOnly = values['read-only'] === true || env['KCON_READ_ONLY'] === '1';
	if (typeof values.brokers === 'string' && typeof values['bootstrap-server'] === 'string') {
		throw new UsageError('give the bootstrap brokers once: -b/--brokers or --bootstrap-server');
	}
	const flagBrokers =
		typeof values.brokers === 'string'
			? parseBrokers(values.brokers, '--brokers')
			: typeof values['bootstrap-server'] === 'string'
				? parseBrokers(values['bootstrap-server'], '--bootstrap-server')
				: undefined;

	if (values.lab) {
		if (flagBrokers || values.context) {
			throw new UsageError('--lab cannot be combined with --brokers or --context');
		}
		const labDir = path.join(stateDir(), 'lab');
		return {brokers: readLabBootstrap(labDir), readOnly: flagReadOnly, labStateDir: labDir, source: 'lab'};
	}

	const explicitConfig = typeof values.config === 'string' ? path.resolve(values.config) : undefined;
	const configFile = explicitConfig ?? defaultConfigFile();

	if (typeof values.context === 'string') {
		const config = readConfigFile(configFile, true)!;
		return fromContext(config, values.context, configFile, env, flagBrokers, flagReadOnly);
	}
	if (flagBrokers) return {brokers: flagBrokers, readOnly: flagReadOnly, source: 'flag'};

	const envBrokers = env['KCON_BROKERS'];
	if (envBrokers && envBrokers.trim()) {
		return {brokers: parseBrokers(envBrokers, 'KCON_BROKERS'), readOnly: flagReadOnly, source: 'env'};
	}

	const config = readConfigFile(configFile, explicitConfig !== undefined);
	if (config?.currentContext) {
		return fromContext(config, config.currentContext, configFile, env, undefined, flagReadOnly);
	}
	if (options.requireBrokers === false) return {brokers: [], readOnly: flagReadOnly, source: 'flag'};
	throw new UsageError(
		'no brokers given: use -b host:port, --lab, --context NAME, or set KCON_BROKERS',
	);
}

/** A copy safe to print: secrets replaced by "***". */
export function redact(settings: Settings): Settings {
	const copy: Settings = {...settings, brokers: [...settings.brokers]};
	if (settings.sasl) copy.sasl = {...settings.sasl, password: '***'};
	if (settings.ssl) {
		copy.ssl = {...settings.ssl};
		if (settings.ssl.passphrase !== undefined) copy.ssl.passphrase = '***';
	}
	return copy;
}

/** "host:port,host:port" -> ["host:port", …]; a bare host gets port 9092. */
export function parseBrokers(text: string, what: string): string[] {
	const list = text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (list.length === 0) throw new UsageError(`${what} needs at least one host:port`);
	return list.map((address) => {
		const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address);
		if (!m) throw new UsageError(`${what}: '${address}' is not host:port`);
		const port = m[2] === undefined ? 9092 : Number(m[2]);
		if (!(port > 0 && port < 65536)) throw new UsageError(`${what}: bad port in '${address}'`);
		return `${m[1]}:${port}`;
	});
}

// --- internals ---------------------------------------------------------------------------

interface ConfigFile {
	currentContext?: string;
	contexts: Record<string, unknown>;
}

function readLabBootstrap(labDir: string): string[] {
	const file = path.join(labDir, 'state.json');
	const text = readLabStateText(file);
	if (text === undefined) throw new KconError(`no lab is running (no ${file}); start one with 'kcon lab up'`, 1, 'no-lab');
	let state: {bootstrap?: unknown};
	try {
		state = JSON.parse(text) as {bootstrap?: unknown};
	} catch {
		throw new KconError(`the lab state file ${file} is not valid JSON`, 1, 'no-lab');
	}
	const bootstrap = state.bootstrap;
	if (typeof bootstrap === 'string' && bootstrap.trim()) return parseBrokers(bootstrap, file);
	if (Array.isArray(bootstrap) && bootstrap.length > 0 && bootstrap.every((b) => typeof b === 'string')) {
		return parseBrokers(bootstrap.join(','), file);
	}
	throw new KconError(`the lab state file ${file} names no bootstrap brokers`, 1, 'no-lab');
}

function readConfigFile(file: string, required: boolean): ConfigFile | undefined {
	const parsed = readConfigObject(file, required);
	if (!parsed) return undefined;
	const contexts = parsed['contexts'] ?? {};
	if (!isObject(contexts)) throw new UsageError(`config file ${file}: "contexts" must be an object`);
	const current = parsed['currentContext'];
	if (current !== undefined && typeof current !== 'string') {
		throw new UsageError(`config file ${file}: "currentContext" must be a string`);
	}
	return {currentContext: current, contexts};
}

function fromContext(
	config: ConfigFile,
	name: string,
	file: string,
	env: NodeJS.ProcessEnv,
	brokersOverride: string[] | undefined,
	flagReadOnly: boolean,
): Settings {
	const raw = config.contexts[name];
	const where = `context '${name}' in ${file}`;
	if (raw === undefined) {
		const known = Object.keys(config.contexts);
		throw new UsageError(
			`no context '${name}' in ${file}` + (known.length ? ` (known: ${known.join(', ')})` : ''),
		);
	}
	if (!isObject(raw)) throw new UsageError(`${where} must be an object`);
	let brokers = brokersOverride;
	if (!brokers) {
		const b = raw['brokers'];
		if (typeof b === 'string') brokers = parseBrokers(b, where);
		else if (Array.isArray(b) && b.every((x) => typeof x === 'string')) brokers = parseBrokers(b.join(','), where);
		else throw new UsageError(`${where}: "brokers" must be "host:port,…" or a list of them`);
	}
	const settings: Settings = {
		brokers,
		context: name,
		readOnly: flagReadOnly || raw['readOnly'] === true,
		source: 'context',
		configFile: file,
	};
	const secretEnv: string[] = [];
	if (raw['sasl'] !== undefined) settings.sasl = saslFrom(raw['sasl'], where, env, secretEnv);
	if (raw['brokerCommands'] !== undefined) settings.brokerCommands = brokerCommandsFrom(raw['brokerCommands'], where);
	if (raw['tls'] !== undefined && raw['tls'] !== false) {
		settings.ssl = tlsFrom(raw['tls'], where, env, path.dirname(file), secretEnv);
	}
	if (secretEnv.length) settings.secretEnv = [...new Set(secretEnv)];
	return settings;
}

function saslFrom(raw: unknown, where: string, env: NodeJS.ProcessEnv, names: string[]): SaslSettings {
	if (!isObject(raw)) throw new UsageError(`${where}: "sasl" must be an object`);
	const mechanism = String(raw['mechanism'] ?? '').toLowerCase().replace(/_/g, '-');
	if (!mechanisms.includes(mechanism as SaslMechanism)) {
		throw new UsageError(`${where}: sasl.mechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512`);
	}
	const username = secret(raw['username'], `${where}: sasl.username`, env, names);
	const password = secret(raw['password'], `${where}: sasl.password`, env, names);
	return {mechanism: mechanism as SaslMechanism, username, password};
}

function tlsFrom(raw: unknown, where: string, env: NodeJS.ProcessEnv, base: string, names: string[]): TlsSettings {
	if (raw === true) return {rejectUnauthorized: true};
	if (!isObject(raw)) throw new UsageError(`${where}: "tls" must be true or an object`);
	const tls: TlsSettings = {rejectUnauthorized: raw['rejectUnauthorized'] !== false};
	for (const key of ['ca', 'cert', 'key'] as const) {
		const value = raw[key];
		if (value === undefined) continue;
		if (typeof value !== 'string' || !value) throw new UsageError(`${where}: tls.${key} must be a file path`);
		tls[key] = path.resolve(base, value);
	}
	if ((tls.cert === undefined) !== (tls.key === undefined)) {
		throw new UsageError(`${where}: tls.cert and tls.key go together`);
	}
	if (raw['passphrase'] !== undefined) tls.passphrase = secret(raw['passphrase'], `${where}: tls.passphrase`, env, names);
	if (raw['servername'] !== undefined) {
		if (typeof raw['servername'] !== 'string') throw new UsageError(`${where}: tls.servername must be a string`);
		tls.servername = raw['servername'];
	}
	return tls;
}

/**
 * A literal string, or {"env": "NAME"} read from the environment (never echoed in errors); NAME is
 * added to `names` when given, so that child processes can be kept from it.
 */
export function secret(raw: unknown, what: string, env: NodeJS.ProcessEnv, names?: string[]): string {
	if (typeof raw === 'string') return raw;
	if (isObject(raw) && typeof raw['env'] === 'string') {
		names?.push(raw['env']);
		const value = env[raw['env']];
		if (value === undefined) throw new UsageError(`${what}: environment variable ${raw['env']} is not set`);
		return value;
	}
	throw new UsageError(`${what} must be a string or {"env": "NAME"}`);
}

function brokerCommandsFrom(raw: unknown, where: string): BrokerCommands {
	if (!isObject(raw)) throw new UsageError(`${where}: "brokerCommands" must be an object`);
	const argv = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== '');
	const commands: BrokerCommands = {timeoutMs: 60_000, passSecrets: false};
	for (const key of ['kill', 'start'] as const) {
		const value = raw[key];
		if (value === undefined) continue;
		if (argv(value) || (isObject(value) && Object.entries(value).every(([id, v]) => /^\d+$/.test(id) && argv(v)))) {
			commands[key] = value as BrokerCommand;
		} else {
			throw new UsageError(`${where}: brokerCommands.${key} must be an argv array of strings, or {"<broker id>": [argv…]}`);
		}
	}
	const timeout = raw['timeoutSeconds'];
	if (timeout !== undefined) {
		if (typeof timeout !== 'number' || !(timeout > 0)) throw new UsageError(`${where}: brokerCommands.timeoutSeconds must be a positive number`);
		commands.timeoutMs = Math.round(timeout * 1000);
	}
	const pass = raw['passSecrets'];
	if (pass !== undefined) {
		if (typeof pass !== 'boolean') throw new UsageError(`${where}: brokerCommands.passSecrets must be true or false`);
		commands.passSecrets = pass;
	}
	return commands;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
