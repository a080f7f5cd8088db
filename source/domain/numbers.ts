// The one parser for numbers typed on the command line: ids, partitions, counts, offsets, seconds
// and rates. Each kind has an explicit range, so a value that would overflow what Kafka's protocol
// carries (int32 ids and partitions, int64 offsets) or what a timer can wait (setTimeout's 2^31-1
// ms) is a usage error before anything connects, never a silently wrong request or a timer that
// fires at once.
import {UsageError} from '../errors.js';

export interface Range<T> {
	min: T;
	max: T;
}

export const INT32_MAX = 2 ** 31 - 1;
export const INT64_MAX = 2n ** 63n - 1n;

/** Broker ids and partitions: int32 on the wire, never negative here. */
export const ID_RANGE: Range<number> = {min: 0, max: INT32_MAX};
/** Record counts (--limit): at least one, within exact double precision. */
export const COUNT_RANGE: Range<number> = {min: 1, max: Number.MAX_SAFE_INTEGER};
/** Offsets and "last N" counts: int64 on the wire. */
export const OFFSET_RANGE: Range<bigint> = {min: 0n, max: INT64_MAX};
/** Rates in bytes per second (throttles, a long in Kafka's config), within exact double precision. */
export const RATE_RANGE: Range<number> = {min: 1, max: Number.MAX_SAFE_INTEGER};

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function bad(what: string, kind: string, range: Range<number | bigint>, text: string): UsageError {
	return new UsageError(`${what} must be ${kind} from ${range.min} to ${range.max}, not '${text}'`);
}

/** A whole decimal number (digits only: no sign, exponent or fraction) in range. */
export function wholeNumber(text: string, what: string, range: Range<number>): number {
	const value = WHOLE.test(text) ? Number(text) : NaN;
	if (!(value >= range.min && value <= range.max)) throw bad(what, 'a whole number', range, text);
	return value;
}

/** The same as a bigint, for offsets and counts beyond 2^53. */
export function bigWholeNumber(text: string, what: string, range: Range<bigint>): bigint {
	const value = WHOLE.test(text) ? BigInt(text) : null;
	if (value === null || value < range.min || value > range.max) throw bad(what, 'a whole number', range, text);
	return value;
}

/** A plain decimal number (`2`, `0.5`; no sign, exponent, NaN or Infinity) in range. */
export function decimalNumber(text: string, what: string, range: Range<number>, kind = 'a number'): number {
	const value = DECIMAL.test(text) ? Number(text) : NaN;
	if (!(value >= range.min && value <= range.max)) throw bad(what, kind, range, text);
	return value;
}

/** A broker id (positional or in a list). */
export function brokerId(text: string | undefined, what = 'broker id'): number {
	if (text === undefined) throw new UsageError(`missing ${what}`);
	return wholeNumber(text, what, ID_RANGE);
}

/** A partition number. */
export function partitionNumber(text: string, what = '--partition'): number {
	return wholeNumber(text, what, ID_RANGE);
}

/** Seconds for a timer (refresh, interval, timeout): at most an hour, far below setTimeout's limit. */
export function seconds(text: string, what: string, min: number, max = 3600): number {
	return decimalNumber(text, what, {min, max}, 'a number of seconds');
}
