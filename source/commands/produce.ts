// kcon produce TOPIC — records from stdin, one a line (as kcat -P), or one --value; keys fixed
// (--key) or split from each line (-K DELIM), headers, a partition, acks and compression. All of
// stdin is read and checked (bounded) before anything connects. The action is ops/produce.ts.
import type {CommandContext} from './context.js';
import type {CommandSpec} from './command-spec.js';
import {UsageError} from '../errors.js';
import {partitionNumber} from '../domain/numbers.js';
import {produce, type OutgoingRecord} from '../ops/produce.js';
import {cliAction, parseActionArgs} from './action-support.js';
import {toJson} from '../present/json.js';
import {writeJson, writeOut} from '../terminal-out.js';
import {escapeControl} from '../terminal-safe.js';

const options = {
	value: {type: 'string'},
	key: {type: 'string', short: 'k'},
	'key-delimiter': {type: 'string', short: 'K'},
	header: {type: 'string', short: 'H', multiple: true},
	partition: {type: 'string', short: 'p'},
	acks: {type: 'string'},
	compression: {type: 'string', short: 'z'},
} as const;

type Values = ReturnType<typeof parseActionArgs<typeof options>>['values'];

/** One line (one record) and all of stdin: a mistaken `</dev/zero` or endless pipe is refused, not buffered. */
export const MAX_LINE_BYTES = 1024 * 1024;
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export const specs: CommandSpec[] = [
	{
		name: 'produce',
		summary: 'write records to a topic: one per stdin line (as kcat -P) or one --value; prints where each went',
		usage: 'TOPIC [--value V] [--key K | -K DELIM] [--header k=v]… [--partition P] [--acks 0|1|all] [--compression none|gzip]',
		flags: [
			{name: 'value', type: 'string', value: 'V', description: 'one record with this value (stdin is not read)'},
			{name: 'key', short: 'k', type: 'string', value: 'K', description: 'the key of every record'},
			{name: 'key-delimiter', short: 'K', type: 'string', value: 'DELIM', description: 'split each line at the first DELIM: key before, value after (no DELIM: no key)'},
			{name: 'header', short: 'H', type: 'string', multiple: true, value: 'k=v', description: 'a header on every record'},
			{name: 'partition', short: 'p', type: 'string', value: 'P', description: 'write to partition P (default: murmur2 of the key, round robin without one)'},
			{name: 'acks', type: 'string', value: '0|1|all', default: 'all', description: 'acknowledgements to wait for (0: offsets are not known)'},
			{name: 'compression', short: 'z', type: 'string', value: 'none|gzip', default: 'none', description: 'snappy, lz4 and zstd are refused: kafkajs has no codec for them without extra packages'},
		],
		connection: true,
		write: true,
		examples: ["printf 'a:1\\nb:2\\n' | kcon produce resource -K : --lab", 'kcon produce resource --value hello --header source=cli --partition 0 --lab'],
	},
];

/** The records of `text` (stdin), one per line; empty lines are skipped as kcat does. */
export function recordsFromLines(text: string, values: Pick<Values, 'key' | 'key-delimiter'>, base: Omit<OutgoingRecord, 'key' | 'value'>): OutgoingRecord[] {
	const records: OutgoingRecord[] = [];
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	lines.forEach((raw, i) => {
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (Buffer.byteLength(line) > MAX_LINE_BYTES) throw new UsageError(`stdin line ${i + 1} is longer than ${MAX_LINE_BYTES} bytes`);
		if (line === '') return;
		const delimiter = values['key-delimiter'];
		let key: string | null = values.key ?? null;
		let value = line;
		if (delimiter !== undefined) {
			const at = line.indexOf(delimiter);
			if (at >= 0) {
				key = line.slice(0, at);
				value = line.slice(at + delimiter.length);
			}
		}
		records.push({...base, key: key === null ? null : Buffer.from(key), value: Buffer.from(value)});
	});
	return records;
}

/** All of stdin, refused once it passes MAX_INPUT_BYTES. */
async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of process.stdin) {
		total += (chunk as Buffer).length;
		if (total > MAX_INPUT_BYTES) throw new UsageError(`stdin is larger than ${MAX_INPUT_BYTES / (1024 * 1024)} MiB; produce it in parts`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export function parseProduceFlags(values: Values): {acks: 0 | 1 | -1; compression: 'none' | 'gzip'; base: Omit<OutgoingRecord, 'key' | 'value'>} {
	if (values.key !== undefined && values['key-delimiter'] !== undefined) throw new UsageError('--key and -K exclude each other');
	if (values['key-delimiter'] === '') throw new UsageError('-K needs a delimiter');
	if (values.value !== undefined && values['key-delimiter'] !== undefined) throw new UsageError('-K splits stdin lines; with --value give --key');
	const acksText = values.acks ?? 'all';
	const acks = ({'0': 0, '1': 1, all: -1, '-1': -1} as const)[acksText as '0' | '1' | 'all' | '-1'];
	if (acks === undefined) throw new UsageError(`--acks must be 0, 1 or all, not '${acksText}'`);
	const compression = values.compression ?? 'none';
	if (compression === 'snappy' || compression === 'lz4' || compression === 'zstd') {
		throw new UsageError(`--compression ${compression} is not available: kcon's Kafka client (kafkajs) has no ${compression} codec without an extra package; use none or gzip`);
	}
	if (compression !== 'none' && compression !== 'gzip') throw new UsageError(`--compression must be none or gzip, not '${compression}'`);
	const headers = (values.header ?? []).map((h) => {
		const at = h.indexOf('=');
		if (at <= 0) throw new UsageError(`--header must be key=value, not '${h}'`);
		return {key: h.slice(0, at), value: Buffer.from(h.slice(at + 1))};
	});
	const partition = values.partition === undefined ? null : partitionNumber(values.partition);
	return {acks, compression, base: {headers, partition}};
}

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseActionArgs(ctx.argv, options);
	const [topic, ...rest] = positionals;
	if (topic === undefined || topic === '') throw new UsageError('kcon produce needs a TOPIC');
	if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
	const {acks, compression, base} = parseProduceFlags(values);
	const cli = cliAction(values);
	// read-only is refused before stdin is read or anything connects
	if (cli.settings.readOnly) await produce(cli.settings, {topic, records: [], acks, compression});
	const records =
		values.value !== undefined
			? [{...base, key: values.key === undefined ? null : Buffer.from(values.key), value: Buffer.from(values.value)}]
			: recordsFromLines(await readStdin(), values, base);
	const written = await produce(cli.settings, {topic, records, acks, compression});
	if (cli.format === 'json') {
		for (const w of written) writeJson(toJson({topic: w.topic, partition: w.partition, offset: w.offset === null ? null : Number(w.offset)}, 0) + '\n');
	} else {
		writeOut(written.map((w) => `${escapeControl(w.topic)} [${w.partition}] ${w.offset === null ? 'offset unknown (acks 0)' : `at offset ${w.offset}`}\n`).join(''));
	}
	return 0;
}
