// Where a consumer group's offsets are reset to, as kafka-consumer-groups.sh --reset-offsets
// computes it: the target of each partition, the clamping of a requested offset into the log's
// [earliest, latest] (to-offset, shift-by, from-file, as the Java tool's checkOffsetsRange), and the
// order the Java tool prints its plan in. Pure: the offsets it needs are read by source/ops.
import {UsageError} from '../errors.js';
import {INT64_MAX} from './numbers.js';

export type ResetTarget =
	| {kind: 'earliest'}
	| {kind: 'latest'}
	| {kind: 'offset'; offset: bigint}
	| {kind: 'shift'; by: bigint}
	/** epoch millis: --to-datetime, or now minus --by-duration */
	| {kind: 'timestamp'; at: number; text: string}
	| {kind: 'file'; offsets: Map<string, bigint>};

export interface PartitionOffsets {
	topic: string;
	partition: number;
	earliest: bigint;
	latest: bigint;
	/** the group's committed offset, null when it has none */
	committed: bigint | null;
	/** for a timestamp target: the first offset at or after it, null when the log has none (then latest, as the Java tool) */
	atTimestamp?: bigint | null;
}

export interface PlannedOffset {
	topic: string;
	partition: number;
	/** what the target asked for, before clamping */
	requested: bigint;
	offset: bigint;
	committed: bigint | null;
	earliest: bigint;
	latest: bigint;
	/** set when `requested` was outside [earliest, latest] or the log had no record after the timestamp */
	note?: string;
}

export const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** The plan of `target` over `partitions` (in the order given); throws a UsageError for what cannot be planned. */
export function planReset(target: ResetTarget, partitions: PartitionOffsets[]): PlannedOffset[] {
	return partitions.map((p) => {
		let requested: bigint;
		let clamp = false;
		let note: string | undefined;
		switch (target.kind) {
			case 'earliest':
				requested = p.earliest;
				break;
			case 'latest':
				requested = p.latest;
				break;
			case 'offset':
				requested = target.offset;
				clamp = true;
				break;
			case 'shift':
				if (p.committed === null) throw new UsageError(`${p.topic}-${p.partition} has no committed offset to shift from`);
				requested = p.committed + target.by;
				clamp = true;
				break;
			case 'file': {
				const wanted = target.offsets.get(key(p.topic, p.partition));
				if (wanted === undefined) throw new UsageError(`${p.topic}-${p.partition} is not in the file`);
				requested = wanted;
				clamp = true;
				break;
			}
			case 'timestamp':
				if (p.atTimestamp === undefined || p.atTimestamp === null) {
					requested = p.latest;
					note = `no record at or after ${target.text}: falling back to the latest offset ${p.latest}`;
				} else requested = p.atTimestamp;
				break;
		}
		let offset = requested;
		if (clamp && requested > p.latest) {
			offset = p.latest;
			note = `requested ${requested} is higher than the latest offset: set to ${p.latest}`;
		} else if (clamp && requested < p.earliest) {
			offset = p.earliest;
			note = `requested ${requested} is lower than the earliest offset: set to ${p.earliest}`;
		}
		return {topic: p.topic, partition: p.partition, requested, offset, committed: p.committed, earliest: p.earliest, latest: p.latest, ...(note ? {note} : {})};
	});
}

// --- the Java tool's order ------------------------------------------------------------------
// kafka-consumer-groups.sh keeps its plan in a java.util.HashMap keyed by TopicPartition and prints
// it in that map's iteration order: by bucket (the key's spread hash masked by the table size),
// keys of one bucket in the order they were put. Reproduced here so the dry run reads the same.

/** java.lang.String#hashCode over UTF-16 code units, int32 arithmetic. */
export function javaStringHash(text: string): number {
	let h = 0;
	for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
	return h;
}

/** org.apache.kafka.common.TopicPartition#hashCode. */
export function topicPartitionHash(topic: string, partition: number): number {
	return (Math.imul(31, (31 + partition) | 0) + javaStringHash(topic)) | 0;
}

/** The table size a HashMap built by putting `n` keys into a default one ends with (16, doubling past 0.75 load). */
export function hashMapCapacity(n: number): number {
	let capacity = 16;
	while (n > capacity * 0.75) capacity *= 2;
	return capacity;
}

/** `items` in the iteration order of a Java HashMap<TopicPartition, …> they were put into in this order. */
export function javaHashMapOrder<T extends {topic: string; partition: number}>(items: T[]): T[] {
	const mask = hashMapCapacity(items.length) - 1;
	const bucket = (t: T) => {
		const h = topicPartitionHash(t.topic, t.partition);
		return ((h ^ (h >>> 16)) & mask) >>> 0;
	};
	return items.map((item, i) => ({item, i, b: bucket(item)})).sort((a, b) => a.b - b.b || a.i - b.i).map((x) => x.item);
}

/** Topic names in the iteration order of a default Java HashMap<String, …> (the topics' descriptions the Java tool walks). */
export function javaStringMapOrder(topics: string[]): string[] {
	const mask = hashMapCapacity(topics.length) - 1;
	const bucket = (t: string) => {
		const h = javaStringHash(t);
		return ((h ^ (h >>> 16)) & mask) >>> 0;
	};
	return topics.map((t, i) => ({t, i, b: bucket(t)})).sort((a, b) => a.b - b.b || a.i - b.i).map((x) => x.t);
}

// --- parsing the target ---------------------------------------------------------------------

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/;

/** --to-datetime as the Java tool reads it: yyyy-MM-ddTHH:mm:SS.sss, UTC unless a zone is given. */
export function parseDatetime(text: string, now: number): number {
	const m = DATETIME.exec(text);
	if (!m) throw new UsageError(`--to-datetime must look like 2026-01-31T12:00:00.000 (optionally with Z or ±hh:mm), not '${text}'`);
	const zone = m[8] ?? 'Z';
	const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
	const at = Date.parse(iso);
	const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
	if (!Number.isFinite(at) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
		throw new UsageError(`--to-datetime '${text}' is not a valid date and time`);
	}
	if (at > now) throw new UsageError(`--to-datetime '${text}' is in the future`);
	return at;
}

const UNIT_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};
const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const SHORT_DURATION = /^-?((?:\d+(?:ms|s|m|h|d))+)$/;

/** --by-duration: ISO-8601 PnDTnHnMnS (as the Java tool) or `10m`, `-1h30m`; milliseconds back from now. */
export function parseDuration(text: string): number {
	let ms: number;
	const iso = ISO_DURATION.exec(text);
	const short = SHORT_DURATION.exec(text);
	if (iso && text !== 'P' && !text.endsWith('T')) {
		const [d, h, m, s] = [iso[1], iso[2], iso[3], iso[4]].map((x) => Number(x ?? 0)) as [number, number, number, number];
		ms = d * 86_400_000 + h * 3_600_000 + m * 60_000 + Math.round(s * 1000);
	} else if (short) {
		ms = 0;
		for (const [, n, unit] of short[1]!.matchAll(/(\d+)(ms|s|m|h|d)/g)) ms += Number(n) * UNIT_MS[unit!]!;
	} else {
		throw new UsageError(`--by-duration must be PnDTnHnMnS (P1DT2H, PT10M) or like 10m, 1h30m, 2d, not '${text}'`);
	}
	if (!Number.isSafeInteger(ms) || ms <= 0) throw new UsageError(`--by-duration '${text}' must be a positive duration`);
	return ms;
}

/** --shift-by ±N: a signed int64. */
export function parseShift(text: string): bigint {
	if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`--shift-by must be a whole number like 5 or -5, not '${text}'`);
	const by = BigInt(text);
	if (by > INT64_MAX || by < -INT64_MAX) throw new UsageError(`--shift-by ${text} is outside int64`);
	return by;
}

/**
 * --from-file: the CSV kafka-consumer-groups.sh --export writes, `topic,partition,offset` a line
 * (or `group,topic,partition,offset`, whose group must be `groupId`). Keyed topic NUL partition.
 */
export function parseResetFile(text: string, groupId: string): Map<string, bigint> {
	const offsets = new Map<string, bigint>();
	const lines = text.split(/\r?\n/);
	lines.forEach((raw, i) => {
		const line = raw.trim();
		if (line === '') return;
		const cells = line.split(',');
		const where = `--from-file line ${i + 1}`;
		if (cells.length !== 3 && cells.length !== 4) throw new UsageError(`${where}: expected topic,partition,offset`);
		if (cells.length === 4 && cells[0] !== groupId) throw new UsageError(`${where}: group '${cells[0]}' is not '${groupId}'`);
		const [topic, partition, offset] = cells.slice(-3) as [string, string, string];
		if (topic === '') throw new UsageError(`${where}: empty topic`);
		if (!/^\d+$/.test(partition) || Number(partition) > 2 ** 31 - 1) throw new UsageError(`${where}: partition '${partition}' is not a partition number`);
		if (!/^\d+$/.test(offset) || BigInt(offset) > INT64_MAX) throw new UsageError(`${where}: offset '${offset}' is not an offset`);
		const k = key(topic, Number(partition));
		if (offsets.has(k)) throw new UsageError(`${where}: ${topic}-${partition} appears twice`);
		offsets.set(k, BigInt(offset));
	});
	if (offsets.size === 0) throw new UsageError('--from-file has no offsets');
	return offsets;
}

/** `--topic T` or `--topic T:0,2` → the topic and its listed partitions (null = all). */
export function parseTopicScope(text: string): {topic: string; partitions: number[] | null} {
	const colon = text.lastIndexOf(':');
	if (colon < 0) {
		if (text === '') throw new UsageError('--topic needs a topic name');
		return {topic: text, partitions: null};
	}
	const topic = text.slice(0, colon);
	if (topic === '') throw new UsageError(`--topic '${text}' has no topic name`);
	const partitions = text.slice(colon + 1).split(',').map((p) => {
		if (!/^\d+$/.test(p) || Number(p) > 2 ** 31 - 1) throw new UsageError(`invalid partition '${p}' in --topic '${text}'`);
		return Number(p);
	});
	return {topic, partitions};
}
