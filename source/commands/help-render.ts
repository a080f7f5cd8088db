// Help as text and the readme's command reference as markdown, rendered from the command specs only,
// so that `kcon CMD --help`, `kcon --help` and the readme say the same thing. Text is wrapped to 80
// columns: it is read in terminals of that width.
import type {CommandSpec, FlagSpec} from './command-spec.js';
import {connectionFlags} from './connection-spec.js';

const WIDTH = 80;
const FLAG_COLUMN = 30;

/** `-b, --brokers host:port,…` */
export function flagSynopsis(flag: FlagSpec): string {
	const long = `--${flag.name}${flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : ''}`;
	return flag.short ? `-${flag.short}, ${long}` : `    ${long}`;
}

function flagText(flag: FlagSpec): string {
	const extras = [flag.default !== undefined ? `default ${flag.default}` : '', flag.multiple ? 'repeatable' : ''].filter(Boolean);
	return extras.length ? `${flag.description} (${extras.join(', ')})` : flag.description;
}

/** Words of `text` in lines of at most `width` columns (a longer word stands alone). */
export function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/** `indent + head` then `text` in a column; a head too wide for the column puts the text below it. */
function twoColumns(indent: string, head: string, text: string, column = FLAG_COLUMN): string[] {
	const textWidth = WIDTH - indent.length - column;
	const body = wrap(text, textWidth);
	const pad = ' '.repeat(indent.length + column);
	if (head.length + 2 > column) return [indent + head, ...body.map((l) => pad + l)];
	return [indent + head.padEnd(column) + (body[0] ?? ''), ...body.slice(1).map((l) => pad + l)];
}

function flagLines(flags: readonly FlagSpec[]): string[] {
	return flags.flatMap((f) => twoColumns('  ', flagSynopsis(f), flagText(f)));
}

/** The command line a spec describes: `kcon tail TOPIC [--from …]`. */
export function usageLine(spec: CommandSpec): string {
	return ['kcon', spec.name, spec.usage].filter(Boolean).join(' ');
}

/** A spec's usage line wrapped to 80 columns, then its summary, indented below it. */
function usageAndSummary(spec: CommandSpec): string[] {
	return [...usageLines(spec, '  '), ...wrap(spec.summary, WIDTH - 6).map((l) => `      ${l}`)];
}

function usageLines(spec: CommandSpec, indent: string): string[] {
	return wrap(usageLine(spec), WIDTH - indent.length - 4).map((l, i) => (i === 0 ? indent + l : `${indent}    ${l}`));
}

/** `kcon CMD [SUB] --help`: usage, what it does, its flags with defaults, the connection flags, examples. */
export function renderCommandHelp(spec: CommandSpec): string {
	const lines = ['Usage', ...usageLines(spec, '  '), '', ...wrap(spec.summary, WIDTH - 2).map((l) => `  ${l}`)];
	if (spec.write) lines.push('', '  Changes the cluster: refused under --read-only (exit 3); audited.');
	if (spec.flags.length) lines.push('', 'Flags', ...flagLines(spec.flags));
	if (spec.connection) lines.push('', 'Connection options', ...flagLines(connectionFlags));
	if (spec.examples.length) lines.push('', 'Examples', ...spec.examples.map((e) => `  $ ${e}`));
	return lines.join('\n') + '\n';
}

/** `kcon broker --help`: the subcommands of one command word. */
export function renderGroupHelp(word: string, specs: readonly CommandSpec[]): string {
	const lines = ['Usage', ...specs.flatMap(usageAndSummary)];
	lines.push('', ...wrap(`kcon help ${word} SUB (or kcon ${word} SUB --help) shows a subcommand's flags and examples.`, WIDTH));
	return lines.join('\n') + '\n';
}

/** Every spec under `word` (`reassign` → reassign generate, …), in the order the module lists them. */
export function specsUnder(specs: readonly CommandSpec[], word: string): CommandSpec[] {
	return specs.filter((s) => s.name === word || s.name.startsWith(`${word} `));
}

/** The spec the words name (the longest match: `reassign generate` before `reassign`), if any. */
export function findSpec(specs: readonly CommandSpec[], words: readonly string[]): CommandSpec | undefined {
	for (let n = Math.min(words.length, 3); n > 0; n--) {
		const name = words.slice(0, n).join(' ');
		const spec = specs.find((s) => s.name === name);
		if (spec) return spec;
	}
	return undefined;
}

const environment: Array<[string, string]> = [
	['KCON_BROKERS', 'host:port,… when none of --lab, --context, -b is given'],
	['KCON_AGENTS', 'pi1=host:port,… SNMP agents when no --agent or --lab is given'],
	['KCON_READ_ONLY=1', 'the same as --read-only'],
	['KCON_DEBUG=1', "print the stack trace of an unexpected error (not of kcon's own errors)"],
	['KCON_STATE_DIR', "the lab's state and the audit log (default ~/.local/state/kcon)"],
	['XDG_CONFIG_HOME', 'where kcon/config.json is looked for (default ~/.config)'],
];

/** The config file's format, the same example the readme shows. */
export const configExample = `{
  "currentContext": "prod",
  "contexts": {
    "prod": {
      "brokers": ["kafka1:9093", "kafka2:9093"],
      "sasl": {"mechanism": "scram-sha-512", "username": "ops",
               "password": {"env": "KAFKA_PASSWORD"}},
      "tls": {"ca": "/etc/kafka/ca.pem"},
      "readOnly": true
    },
    "local": {"brokers": "localhost:9092"}
  }
}`;

/** `kcon --help`: every command (from the specs), the connection options, environment, config file, exit codes. */
export function renderTopHelp(specs: readonly CommandSpec[]): string {
	const commandLines = [
		...twoColumns('  ', 'kcon [options]', 'open the console (needs a terminal); the same as kcon console', 32),
		...specs.flatMap(usageAndSummary),
	];
	const lines = [
		'kcon — a keyboard-driven terminal console for Apache Kafka clusters and the SNMP',
		'agents that feed them',
		'',
		'Usage',
		...commandLines,
		'',
		'Connection options (every command that talks to a cluster or agents)',
		...flagLines(connectionFlags),
		'',
		'Help',
		...twoColumns('  ', 'kcon CMD [SUB] --help, -h', "one command's usage, flags with defaults, and examples"),
		...twoColumns('  ', 'kcon help CMD [SUB]', 'the same'),
		...twoColumns('  ', 'kcon completion bash|zsh', 'a shell completion script: source <(kcon completion bash)'),
		...twoColumns('  ', 'kcon --version', "kcon's version"),
		'',
		'Where the brokers come from (first match wins)',
		...wrap('--lab; --context NAME (-b then overrides its brokers); -b/--brokers; KCON_BROKERS; the config file\'s currentContext. --command-config FILE adds the security settings of a Java client.properties.', WIDTH - 2).map((l) => `  ${l}`),
		'',
		'Environment',
		...environment.flatMap(([name, text]) => twoColumns('  ', name, text, 20)),
		'',
		'Config file (JSON: --config FILE, default ~/.config/kcon/config.json)',
		...configExample.split('\n').map((l) => `  ${l}`),
		...wrap('"tls": true is TLS with the system CAs; relative paths are relative to the file; a secret is a string or {"env": "NAME"}. kcon config get-contexts | current-context | use-context NAME read and switch contexts.', WIDTH - 2).map((l) => `  ${l}`),
		'',
		'Exit codes',
		...wrap('0 done, 1 nothing reachable or failed, 2 usage error, 3 refused by --read-only, 4/5 reassign verify: still moving / finished not as planned; 129, 130, 143 after SIGHUP, SIGINT, SIGTERM. Errors: one `kcon: …` line on stderr, a JSON object under -o json.', WIDTH - 2).map((l) => `  ${l}`),
		'',
		'Examples',
		'  $ kcon lab up && kcon --lab',
		'  $ kcon describe topics --lab --under-replicated -o json',
		'  $ kcon tail resource --lab --from -10m --limit 20',
		'  $ kcon help reassign execute',
	];
	return lines.join('\n') + '\n';
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function flagTable(flags: readonly FlagSpec[]): string[] {
	return [
		'| flag | what it does | default |',
		'|---|---|---|',
		...flags.map((f) => `| \`${cell(flagSynopsis(f).trim())}\` | ${cell(f.description)}${f.multiple ? ' (repeatable)' : ''} | ${f.default === undefined ? '' : `\`${cell(f.default)}\``} |`),
	];
}

/** The readme's command reference (between `<!-- commands:start -->` and `<!-- commands:end -->`). */
export function renderReference(specs: readonly CommandSpec[]): string {
	const out: string[] = [];
	for (const spec of specs) {
		out.push(`#### \`kcon ${spec.name}\``, '', spec.summary + (spec.write ? ' Changes the cluster: refused under `--read-only`.' : ''), '', '```', usageLine(spec), '```', '');
		if (spec.flags.length) out.push(...flagTable(spec.flags), '');
		if (spec.connection) out.push('Takes the connection options.', '');
		if (spec.examples.length) out.push('```sh', ...spec.examples, '```', '');
	}
	out.push('#### Connection options', '', ...flagTable(connectionFlags));
	return out.join('\n');
}
