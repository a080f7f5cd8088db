// `--command-config FILE`: the client.properties that Kafka's own tools take (kafka-topics.sh
// --command-config), turned into kcon's SASL and TLS settings. What maps cleanly is taken:
//   security.protocol      PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL
//   sasl.mechanism         PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512
//   sasl.jaas.config       PlainLoginModule / ScramLoginModule with username="…" password="…"
//   ssl.truststore.type=PEM with ssl.truststore.location: the CA file
//   ssl.keystore.type=PEM with ssl.keystore.location (key and certificate chain in one file),
//                          ssl.key.password: its passphrase
// Anything else — a JKS/PKCS12 store (kcon's TLS takes PEM), GSSAPI or OAUTHBEARER, a property kcon
// has no equivalent for — is refused with one line naming the property, rather than connecting
// with less security than the file asks for. Relative paths are relative to the working directory,
// as for the Java tools.
import path from 'node:path';
import {UsageError} from '../errors.js';
import {readTextBounded, TooLargeError} from './bounded-read.js';

const MAX_PROPERTIES_BYTES = 1024 * 1024;

// the shapes of Settings' sasl and ssl (settings.ts imports this module, so they are spelled here)
type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface ClientSecurity {
	sasl?: {mechanism: SaslMechanism; username: string; password: string};
	ssl?: {ca?: string; cert?: string; key?: string; passphrase?: string; rejectUnauthorized: boolean};
}

/** Java .properties: `key=value`, `key: value` or `key value`, # and ! comments, \ continuations and escapes. */
export function parseProperties(text: string): Map<string, string> {
	const out = new Map<string, string>();
	const physical = text.split(/\r\n|\r|\n/);
	for (let i = 0; i < physical.length; i++) {
		let line = physical[i]!.replace(/^[ \t\f]+/, '');
		if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
		// a line ending in an odd number of backslashes continues on the next one
		while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < physical.length) {
			line = line.slice(0, -1) + physical[++i]!.replace(/^[ \t\f]+/, '');
		}
		const m = /^((?:\\.|[^=:\s\\])*)[ \t\f]*[=:]?[ \t\f]*(.*)$/s.exec(line)!;
		out.set(unescape(m[1]!), unescape(m[2]!));
	}
	return out;
}

function unescape(text: string): string {
	return text.replace(/\\(u[0-9a-fA-F]{4}|.)/gs, (_, c: string) => {
		if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
		return c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c === 'f' ? '\f' : c;
	});
}

const mechanisms: Record<string, SaslMechanism> = {'PLAIN': 'plain', 'SCRAM-SHA-256': 'scram-sha-256', 'SCRAM-SHA-512': 'scram-sha-512'};
const loginModules: Record<string, string> = {
	plain: 'org.apache.kafka.common.security.plain.PlainLoginModule',
	'scram-sha-256': 'org.apache.kafka.common.security.scram.ScramLoginModule',
	'scram-sha-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
};

/** `Module required username="ops" password="s3cret";` → module and options. */
function parseJaas(text: string, what: string): {module: string; options: Map<string, string>} {
	const m = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\s+([\s\S]*?)\s*;\s*$/.exec(text);
	if (!m) throw new UsageError(`${what}: sasl.jaas.config is not 'LoginModule required key="value" …;'`);
	const options = new Map<string, string>();
	const rest = m[3]!;
	const option = /\s*([\w.-]+)\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^\s";]+))/gy;
	let o: RegExpExecArray | null;
	let end = 0;
	while ((o = option.exec(rest))) {
		options.set(o[1]!, o[2] !== undefined ? o[2].replace(/\\(.)/g, '$1') : o[3]!);
		end = option.lastIndex;
	}
	if (rest.slice(end).trim() !== '') throw new UsageError(`${what}: sasl.jaas.config has options kcon cannot read after '${rest.slice(0, end).trim().split(/\s+/).pop() ?? ''}'`);
	return {module: m[1]!, options};
}

/** The SASL and TLS settings the properties file asks for, or a usage error naming the property kcon cannot honour. */
export function clientSecurity(properties: Map<string, string>, what: string): ClientSecurity {
	const used = new Set<string>();
	const get = (key: string) => {
		used.add(key);
		return properties.get(key)?.trim();
	};
	const protocol = (get('security.protocol') ?? 'PLAINTEXT').toUpperCase();
	if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
		throw new UsageError(`${what}: security.protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not '${protocol}'`);
	}
	const result: ClientSecurity = {};

	const jaas = get('sasl.jaas.config');
	const mechanismText = get('sasl.mechanism');
	if (protocol.startsWith('SASL_')) {
		// the Java client's default mechanism is GSSAPI (Kerberos), which kcon does not speak
		const name = (mechanismText ?? 'GSSAPI').toUpperCase();
		const mechanism = mechanisms[name];
		if (!mechanism) throw new UsageError(`${what}: sasl.mechanism ${name}${mechanismText ? '' : ' (the default)'} is not supported; kcon speaks PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512`);
		if (!jaas) throw new UsageError(`${what}: sasl.jaas.config is required for sasl.mechanism ${name}`);
		const {module, options} = parseJaas(jaas, what);
		if (module !== loginModules[mechanism]) throw new UsageError(`${what}: sasl.jaas.config uses ${module}; sasl.mechanism ${name} needs ${loginModules[mechanism]}`);
		const username = options.get('username');
		const password = options.get('password');
		if (username === undefined || password === undefined) throw new UsageError(`${what}: sasl.jaas.config needs username="…" and password="…"`);
		const other = [...options.keys()].find((k) => k !== 'username' && k !== 'password');
		if (other) throw new UsageError(`${what}: sasl.jaas.config option '${other}' is not supported`);
		result.sasl = {mechanism, username, password};
	} else if (mechanismText !== undefined || jaas !== undefined) {
		throw new UsageError(`${what}: ${mechanismText !== undefined ? 'sasl.mechanism' : 'sasl.jaas.config'} needs security.protocol SASL_PLAINTEXT or SASL_SSL`);
	}

	const tlsKeys = [...properties.keys()].filter((k) => k.startsWith('ssl.'));
	if (protocol.endsWith('SSL')) {
		const tls: NonNullable<ClientSecurity['ssl']> = {rejectUnauthorized: true};
		const store = (kind: 'truststore' | 'keystore') => {
			const location = get(`ssl.${kind}.location`);
			const type = (get(`ssl.${kind}.type`) ?? 'JKS').toUpperCase();
			if (location === undefined) return undefined;
			if (type !== 'PEM') throw new UsageError(`${what}: ssl.${kind}.type ${type} is not supported; kcon takes PEM files (ssl.${kind}.type=PEM)`);
			return path.resolve(location);
		};
		const ca = store('truststore');
		if (ca) tls.ca = ca;
		const keystore = store('keystore');
		if (keystore) {
			tls.cert = keystore;
			tls.key = keystore;
			const pass = get('ssl.key.password');
			if (pass !== undefined) tls.passphrase = pass;
		}
		result.ssl = tls;
	} else if (tlsKeys.length) {
		throw new UsageError(`${what}: ${tlsKeys[0]} needs security.protocol SSL or SASL_SSL`);
	}

	const unknown = [...properties.keys()].find((k) => !used.has(k));
	if (unknown) throw new UsageError(`${what}: property ${unknown} is not supported by kcon`);
	return result;
}

/** Reads and maps `file` (at most 1 MiB). */
export function readClientProperties(file: string): ClientSecurity {
	const what = `--command-config ${file}`;
	let text: string;
	try {
		text = readTextBounded(file, MAX_PROPERTIES_BYTES);
	} catch (error) {
		if (error instanceof TooLargeError) throw new UsageError(`${what} is ${error.message}; a client.properties is a few KB`);
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`cannot read ${what}${code ? ` (${code})` : ''}`);
	}
	return clientSecurity(parseProperties(text), what);
}
