// Pure model of `kcon tail`: the record it yields, where it starts, and how input is validated.
// No I/O here: the kafka adapter resolves a StartSpec into offsets, commands/ and ui/ consume records.
import {bigWholeNumber, OFFSET_RANGE, partitionNumber, wholeNumber} from './numbers.js';

export type TimestampType = 'create' | 'logappend';

export interface RecordHeader {
	key: string;
	value: Buffer | null;
}

/** One message as kcon tail sees it: offsets are exact (bigint), timestamps are epoch milliseconds. */
export interface TailRecord {
	topic: string;
	partition: number;
	offset: bigint;
	timestamp: number;
	timestampType: TimestampType;
	key: Buffer | null;
	value: Buffer | null;
	/** in wire order, duplicates kept */
	headers: RecordHeader[];
	/** node id of the broker the record was fetched from (kcat's `broker`), -1 when unknown */
	broker: number;
}

/**
 * The records of one fetched record set read in place, one at a time: `next()` moves to the next
 * record and overwrites the fields below (no object per record, for `kcon tail -o json` over
 * millions of messages); it returns false past the last one. Offsets are exact (the decoder only
 * reads a set this way when every offset in it is below 2^53).
 */
export interface RecordCursor {
	readonly topic: string;
	readonly partition: number;
	readonly broker: number;
	next(): boolean;
	offset: number;
	timestamp: number;
	timestampType: TimestampType;
	/** the buffer key and value lie in; a start of -1 is a null key or value */
	readonly buf: Buffer;
	keyStart: number;
	keyEnd: number;
	valueStart: number;
	valueEnd: number;
	/** headers in the current record (a reader that writes only plain records asks record()) */
	headerCount: number;
	/** the current record as a TailRecord */
	record(): TailRecord;
}

/** A piece of a tail: decoded records, or a record set read in place. */
export type TailPart = TailRecord[] | RecordCursor;

/** Where a partition starts. `last` = N messages before the end (kcat's `-o -N`). */
export type StartSpec =
	| {kind: 'beginning'}
	| {kind: 'end'}
	| {kind: 'offset'; offset: bigint}
	| {kind: 'last'; count: bigint}
	| {kind: 'time'; ms: number; text: string};

const UNIT_MS: Record<string, number> = {
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000,
	d: 86_400_000,
	w: 604_800_000,
};

export class StartSpecError extends Error {}

/** The last millisecond a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/**
 * Parse `--from`: beginning|earliest|end|latest, an offset (`1234`), `-N` (N before the end),
 * a relative time (`-10m`, `-1h30m`, `-90s`, `-2d`), an ISO-8601 time (`2026-02-20T11:56:54Z`,
 * a date alone means midnight UTC), or epoch milliseconds written `@1700000000000` (kcat's `s@`).
 */
export function parseStartSpec(text: string, now: number = Date.now()): StartSpec {
	const s = text.trim();
	const lower = s.toLowerCase();
	if (lower === 'beginning' || lower === 'earliest' || lower === 'start') return {kind: 'beginning'};
	if (lower === 'end' || lower === 'latest') return {kind: 'end'};
	if (/^\d+$/.test(s)) return {kind: 'offset', offset: bigWholeNumber(s, '--from (an offset)', OFFSET_RANGE)};
	if (/^-\d+$/.test(s)) {
		const count = bigWholeNumber(s.slice(1), '--from (-N, a count)', OFFSET_RANGE);
		if (count === 0n) return {kind: 'end'};
		return {kind: 'last', count};
	}
	const rel = /^-((?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+)$/i.exec(s);
	if (rel) {
		let ms = 0;
		for (const part of rel[1]!.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gi)) {
			ms += Number(part[1]) * UNIT_MS[part[2]!.toLowerCase()]!;
		}
		// a time before 1970 has no offset (ListOffsets takes a timestamp ≥ 0; -1 and -2 mean end and beginning)
		if (!(ms <= now)) throw new StartSpecError(`--from: '${text}' reaches back before 1970-01-01`);
		return {kind: 'time', ms: Math.round(now - ms), text: s};
	}
	const epoch = /^(?:s)?@(\d+)$/.exec(s);
	if (epoch) return {kind: 'time', ms: wholeNumber(epoch[1]!, '--from (@epoch milliseconds)', {min: 0, max: MAX_DATE_MS}), text: s};
	// ISO-8601: a date, or date + time with optional seconds, fraction and zone (Z, ±hh, ±hh:mm, ±hhmm).
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(s);
	if (iso) {
		const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = iso;
		let normalizedZone = 'Z';
		if (zone && zone.toUpperCase() !== 'Z') {
			const z = zone.replace(':', '');
			normalizedZone = `${z.slice(0, 3)}:${z.length > 3 ? z.slice(3, 5) : '00'}`;
		} else if (!zone && iso[4] !== undefined) {
			normalizedZone = ''; // a wall-clock time without zone is local time, as `date` would read it
		}
		const fraction = frac ? frac.slice(0, 4).padEnd(4, '0') : '';
		const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}${fraction}${normalizedZone}`);
		if (Number.isNaN(ms) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) {
			throw new StartSpecError(`--from: '${text}' is not a valid time`);
		}
		return {kind: 'time', ms, text: s};
	}
	throw new StartSpecError(
		`--from must be beginning, end, an offset, -N, a relative time like -10m, or an ISO-8601 time, not '${text}'`,
	);
}

/** Parse `--partition 0,2` (or `0-2`): sorted unique partition ids. */
/** Kafka allows far fewer partitions per topic; more is a typo, and would be expanded into memory. */
export const MAX_PARTITIONS = 1_000_000;

export function parsePartitionList(text: string): number[] {
	const out = new Set<number>();
	// ids are checked by partitionNumber (0…2^31−1) before they get here
	const add = (a: number, b: number) => {
		// counted before anything is expanded: `0-10000000` must not allocate first
		if (out.size + (b - a + 1) > MAX_PARTITIONS) {
			throw new StartSpecError(`--partition names more than ${MAX_PARTITIONS.toLocaleString('en')} partitions; no topic has that many`);
		}
		for (let i = a; i <= b; i++) out.add(i);
	};
	for (const part of text.split(',')) {
		const p = part.trim();
		const range = /^(\d+)-(\d+)$/.exec(p);
		if (range) {
			const a = partitionNumber(range[1]!);
			const b = partitionNumber(range[2]!);
			if (a > b) throw new StartSpecError(`--partition: '${p}' is not a valid range`);
			add(a, b);
			continue;
		}
		if (!/^\d+$/.test(p)) throw new StartSpecError(`--partition must be partition numbers like 0,2, not '${text}'`);
		const id = partitionNumber(p);
		add(id, id);
	}
	return [...out].sort((a, b) => a - b);
}

/**
 * Where a partition starts, given its log start and end (high watermark) and, for a time, the
 * offset ListOffsets answered (null = no message at or after that time → the end).
 * Offsets outside [logStart, end] are clamped, so a tail never asks for an offset that is gone.
 */
export function resolveStartOffset(spec: StartSpec, logStart: bigint, end: bigint, byTime: bigint | null = null): bigint {
	const clamp = (o: bigint) => (o < logStart ? logStart : o > end ? end : o);
	switch (spec.kind) {
		case 'beginning':
			return logStart;
		case 'end':
			return end;
		case 'offset':
			return clamp(spec.offset);
		case 'last':
			return clamp(end - spec.count);
		case 'time':
			return byTime === null || byTime < 0n ? end : clamp(byTime);
	}
}

/** The filters of `--key` and `--grep`, applied to the UTF-8 text of key and value. */
export interface RecordFilter {
	key?: RegExp;
	grep?: RegExp;
}

export function matchesFilter(record: TailRecord, filter: RecordFilter): boolean {
	if (filter.key) {
		if (!record.key) return false;
		filter.key.lastIndex = 0;
		if (!filter.key.test(record.key.toString('utf8'))) return false;
	}
	if (filter.grep) {
		if (!record.value) return false;
		filter.grep.lastIndex = 0;
		if (!filter.grep.test(record.value.toString('utf8'))) return false;
	}
	return true;
}
