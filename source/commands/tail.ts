// `kcon tail TOPIC`: messages of a topic as text lines or kcat -J compatible JSON lines.
import type {CommandContext} from './context.js';
import {intFlag, outputFormat, parseConnectionArgs} from '../config/args.js';
import {COUNT_RANGE} from '../domain/numbers.js';
import {resolveSettings} from '../config/settings.js';
import {UsageError} from '../errors.js';
import {
	matchesFilter,
	parsePartitionList,
	parseStartSpec,
	StartSpecError,
	type RecordFilter,
	type StartSpec,
	type TailPart,
	type TailRecord,
} from '../domain/tail.js';
import {escapeJsonBytes, writeCursorJsonLine, writeMessageJson, type ByteBuffer} from '../present/message-json.js';
import {messageTextLine} from '../present/message-text.js';
import {tailParts} from '../kafka/tail/tail.js';
import {tailGroupBatches} from '../kafka/tail/tail-group.js';
import {kconLine} from '../terminal-out.js';
import type {CommandSpec} from './command-spec.js';

const options = {
	from: {type: 'string'},
	partition: {type: 'string', short: 'p'},
	limit: {type: 'string', short: 'n'},
	until: {type: 'string'},
	key: {type: 'string'},
	grep: {type: 'string'},
	group: {type: 'string', short: 'g'},
} as const;

export const specs: readonly CommandSpec[] = [
	{
		name: 'tail',
		summary: 'messages of a topic as text lines, or JSON lines with kcat -J field names',
		usage: 'TOPIC [--from …] [--partition P,…] [--limit N] [--until end] [options]',
		flags: [
			{name: 'from', type: 'string', value: 'beginning|end|OFFSET|-N|ISO-8601|-10m', default: 'end', description: 'where to start: an offset, N back from the end, a time, or a duration ago'},
			{name: 'partition', short: 'p', type: 'string', value: 'P[,P…]', description: 'only these partitions (ranges as 0-3)'},
			{name: 'limit', short: 'n', type: 'string', value: 'N', description: 'stop after N messages'},
			{name: 'until', type: 'string', value: 'end', description: 'stop at the end of every partition (as it was at the start)'},
			{name: 'key', type: 'string', value: 'REGEX', description: 'only messages whose key matches'},
			{name: 'grep', type: 'string', value: 'REGEX', description: 'only messages whose value matches'},
			{name: 'group', short: 'g', type: 'string', value: 'G', description: 'consume as a member of group G and commit (a write: refused under --read-only)'},
		],
		connection: true,
		write: false,
		examples: ['kcon tail resource --lab --from -10m --limit 20', 'kcon tail orders -b kafka1:9092 --from beginning --until end -o json'],
	},
];

function regexFlag(name: string, value: string | undefined): RegExp | undefined {
	if (value === undefined) return undefined;
	try {
		return new RegExp(value);
	} catch (error) {
		throw new UsageError(`--${name}: ${(error as Error).message}`);
	}
}

export interface TailCommandOptions {
	topic: string;
	start: StartSpec;
	partitions?: number[];
	limit?: number;
	untilEnd: boolean;
	filter: RecordFilter;
	group?: string;
	output: 'text' | 'json';
}

/** `--from -10m` (a value that starts with a dash) becomes `--from=-10m`, which parseArgs accepts
 *  (`--help` and `-h` never get here: route.ts turned such a command line into the help). */
function joinDashValues(argv: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const next = argv[i + 1];
		if ((arg === '--from' || arg === '--key' || arg === '--grep') && next !== undefined && next.startsWith('-')) {
			out.push(`${arg}=${next}`);
			i++;
		} else {
			out.push(arg);
		}
	}
	return out;
}

/** Validate the flags of `kcon tail` (usage errors → exit 2) before anything connects. */
export function parseTailArgs(argv: string[], now = Date.now()): {values: Record<string, unknown>; options: TailCommandOptions} {
	const {values, positionals} = parseConnectionArgs(joinDashValues(argv), options);
	const output = outputFormat(values);
	if (positionals.length === 0) throw new UsageError('kcon tail needs a TOPIC');
	if (positionals.length > 1) throw new UsageError(`kcon tail takes one TOPIC, not '${positionals.join(' ')}'`);
	const topic = positionals[0]!;
	let start: StartSpec;
	let partitions: number[] | undefined;
	try {
		start = values.from === undefined ? {kind: 'end'} : parseStartSpec(values.from, now);
		partitions = values.partition === undefined ? undefined : parsePartitionList(values.partition);
	} catch (error) {
		if (error instanceof StartSpecError) throw new UsageError(error.message);
		throw error;
	}
	const limit = values.limit === undefined ? undefined : intFlag('limit', values.limit, 0, COUNT_RANGE.min, COUNT_RANGE.max);
	if (values.until !== undefined && values.until !== 'end') {
		throw new UsageError(`--until takes 'end', not '${values.until}'`);
	}
	if (values.group !== undefined) {
		if (!values.group.trim()) throw new UsageError('--group needs a group id');
		if (partitions) throw new UsageError('--partition cannot be combined with --group (the group assigns partitions)');
		if (start.kind !== 'beginning' && start.kind !== 'end') {
			throw new UsageError('with --group, --from is beginning or end (where the group starts when it has no committed offset)');
		}
	}
	return {
		values,
		options: {
			topic,
			start,
			partitions,
			limit,
			untilEnd: values.until === 'end',
			filter: {key: regexFlag('key', values.key), grep: regexFlag('grep', values.grep)},
			group: values.group,
			output,
		},
	};
}

/** Batched writes to stdout: lines are encoded straight into large buffers (no joined strings),
 * written in chunks of about 1 MiB with backpressure honoured; a closed pipe ends quietly. */
export class Output implements ByteBuffer {
	buf = Buffer.allocUnsafe(CHUNK);
	pos = 0;
	closed = false;
	private readonly onClose: () => void;

	constructor(
		private readonly stream: NodeJS.WriteStream,
		onClose: () => void,
	) {
		this.onClose = onClose;
		stream.on('error', this.handleError);
	}

	private handleError = (error: NodeJS.ErrnoException) => {
		this.closed = true;
		this.onClose();
		if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
		kconLine(`cannot write output: ${error.message}`);
		process.exitCode = 1;
	};

	private room(bytes: number) {
		if (this.pos + bytes <= this.buf.length) return;
		if (this.pos > 0) this.handOff();
		if (bytes > this.buf.length) this.buf = Buffer.allocUnsafe(bytes);
	}

	reserve(bytes: number) {
		this.room(bytes);
	}

	str(text: string) {
		// at most 3 bytes per UTF-16 unit
		if (this.pos + text.length * 3 > this.buf.length) this.room(Buffer.byteLength(text));
		this.pos += this.buf.write(text, this.pos);
	}

	ascii(text: string) {
		this.room(text.length);
		const buf = this.buf;
		let pos = this.pos;
		for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
		this.pos = pos;
	}

	bytes(bytes: Buffer) {
		this.room(bytes.length);
		this.pos += bytes.copy(this.buf, this.pos);
	}

	jsonString(bytes: Buffer) {
		this.room(bytes.length * 6 + 2);
		const buf = this.buf;
		buf[this.pos++] = 0x22;
		this.pos = escapeJsonBytes(bytes, buf, this.pos);
		buf[this.pos++] = 0x22;
	}

	line(text: string) {
		this.str(text);
		this.str('\n');
	}

	get pending() {
		return this.pos;
	}

	private waiting: Promise<void> | null = null;

	/** give the filled buffer to the stream and start a new one */
	private handOff() {
		const whole = this.buf;
		const chunk = whole.subarray(0, this.pos);
		this.pos = 0;
		if (this.closed) return;
		let ok: boolean;
		try {
			ok = this.stream.write(chunk);
		} catch (error) {
			this.buf = Buffer.allocUnsafe(CHUNK);
			this.handleError(error as NodeJS.ErrnoException);
			return;
		}
		// stdout to a pipe, file or terminal is written synchronously (on Linux): nothing is queued and
		// the same buffer takes the next lines; a chunk the stream still holds is left to it
		if (this.stream.writableLength !== 0 || whole.length !== CHUNK) this.buf = Buffer.allocUnsafe(CHUNK);
		if (!ok && !this.waiting) {
			this.waiting = new Promise<void>((resolve) => {
				const done = () => {
					this.stream.off('drain', done);
					this.stream.off('close', done);
					this.stream.off('error', done);
					this.waiting = null;
					resolve();
				};
				this.stream.on('drain', done);
				this.stream.on('close', done);
				this.stream.on('error', done);
			});
		}
	}

	/** write what is buffered; resolves once the stream can take more */
	async flush(): Promise<void> {
		if (this.pos > 0) this.handOff();
		if (this.waiting) await this.waiting;
	}

	/** wait until everything written has left the process (before exit) */
	async end(): Promise<void> {
		await this.flush();
		if (this.closed || !this.stream.writableNeedDrain) return;
		await new Promise<void>((resolve) => {
			this.stream.once('drain', resolve);
			this.stream.once('error', () => resolve());
		});
	}
}

const CHUNK = 1024 * 1024;

async function* asParts(batches: AsyncIterable<TailRecord[]>): AsyncGenerator<TailPart[], void, undefined> {
	for await (const batch of batches) yield [batch];
}

export async function run(ctx: CommandContext): Promise<number> {
	const {values, options: opts} = parseTailArgs(ctx.argv);
	const settings = resolveSettings(values as Parameters<typeof resolveSettings>[0]);
	// ends on a stop signal (source/stop.ts) or when the reader of stdout goes away
	const abort = new AbortController();
	const out = new Output(process.stdout, () => abort.abort());
	const onStop = () => abort.abort(ctx.signal?.reason);
	if (ctx.signal?.aborted) onStop();
	ctx.signal?.addEventListener('abort', onStop, {once: true});
	const json = opts.output === 'json';
	const hasFilter = opts.filter.key !== undefined || opts.filter.grep !== undefined;
	const notice = (message: string) => kconLine(message);
	let remaining = opts.limit ?? Infinity;

	const source: AsyncIterable<TailPart[]> = opts.group
		? asParts(tailGroupBatches(settings, {
				topic: opts.topic,
				groupId: opts.group,
				fromBeginning: opts.start.kind === 'beginning',
				untilEnd: opts.untilEnd,
				signal: abort.signal,
				onNotice: notice,
			}))
		: tailParts(
				settings,
				{
					topic: opts.topic,
					partitions: opts.partitions,
					start: opts.start,
					untilEnd: opts.untilEnd,
					signal: abort.signal,
					onNotice: notice,
				},
				// record sets read in place only where every record is written as it is
				json && !hasFilter,
			);
	const writeRecords = async (batch: TailRecord[], remaining: number) => {
		for (let i = 0; i < batch.length && remaining > 0; i++) {
			const record = batch[i]!;
			if (hasFilter && !matchesFilter(record, opts.filter)) continue;
			if (json) {
				writeMessageJson(record, out);
				out.ascii('\n');
			} else {
				out.line(messageTextLine(record));
			}
			remaining--;
			if (out.pending >= CHUNK - 64 * 1024) await out.flush();
		}
		return remaining;
	};
	try {
		for await (const parts of source) {
			for (const part of parts) {
				if (Array.isArray(part)) remaining = await writeRecords(part, remaining);
				else
					while (remaining > 0 && part.next()) {
						writeCursorJsonLine(part, out);
						remaining--;
						if (out.pending >= CHUNK - 64 * 1024) await out.flush();
					}
				if (remaining <= 0) break;
			}
			await out.flush();
			if (remaining <= 0 || out.closed || abort.signal.aborted) break;
		}
	} finally {
		ctx.signal?.removeEventListener('abort', onStop);
		await out.end();
	}
	return 0;
}
