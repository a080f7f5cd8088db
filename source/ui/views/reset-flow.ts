// The offset reset flow's pure parts: the targets an operator picks from, what the typed value
// becomes (the same parsers as `kcon group reset-offsets`' flags), and the rows of the plan
// (TOPIC PARTITION CURRENT NEW and the lag the new offset leaves behind).
import {parseDatetime, parseDuration, parseShift, type PlannedOffset, type ResetTarget} from '../../domain/offset-reset.js';
import {bigWholeNumber, OFFSET_RANGE} from '../../domain/numbers.js';

export type TargetKind = 'earliest' | 'latest' | 'offset' | 'shift' | 'datetime' | 'duration';

export interface TargetChoice {
	kind: TargetKind;
	label: string;
	/** what the value looks like; none for a target without a value */
	example?: string;
}

export const TARGET_CHOICES: readonly TargetChoice[] = [
	{kind: 'earliest', label: 'to the earliest offset (replay what the log retains)'},
	{kind: 'latest', label: 'to the latest offset (skip the backlog)'},
	{kind: 'offset', label: 'to offset N', example: '1200'},
	{kind: 'shift', label: 'shift by ±N from the committed offset', example: '-100'},
	{kind: 'datetime', label: 'to a date and time (UTC unless a zone is given)', example: '2026-01-31T12:00:00'},
	{kind: 'duration', label: 'to a duration back from now', example: '10m, 1h30m, P1D'},
];

/** The target of `kind` with the typed value; throws a UsageError with what is wrong with the value. */
export function targetOf(kind: TargetKind, value: string, now: number): ResetTarget {
	const text = value.trim();
	switch (kind) {
		case 'earliest':
			return {kind: 'earliest'};
		case 'latest':
			return {kind: 'latest'};
		case 'offset':
			return {kind: 'offset', offset: bigWholeNumber(text, 'the offset', OFFSET_RANGE)};
		case 'shift':
			return {kind: 'shift', by: parseShift(text)};
		case 'datetime':
			return {kind: 'timestamp', at: parseDatetime(text, now), text};
		case 'duration':
			return {kind: 'timestamp', at: now - parseDuration(text), text: `${text} ago`};
	}
}

/** "to earliest", "shift by -100", "to 10m ago": the target as the plan's title says it. */
export function targetText(target: ResetTarget): string {
	switch (target.kind) {
		case 'earliest':
			return 'to the earliest offset';
		case 'latest':
			return 'to the latest offset';
		case 'offset':
			return `to offset ${target.offset}`;
		case 'shift':
			return `shift by ${target.by > 0n ? '+' : ''}${target.by}`;
		case 'timestamp':
			return `to ${target.text}`;
		case 'file':
			return 'from a file';
	}
}

export interface PlanRow {
	topic: string;
	partition: number;
	current: string;
	next: string;
	/** the lag the new offset leaves: latest − new */
	lag: string;
	note?: string;
}

export function planRows(plan: readonly PlannedOffset[]): PlanRow[] {
	return plan.map((p) => ({
		topic: p.topic,
		partition: p.partition,
		current: p.committed === null ? '-' : String(p.committed),
		next: String(p.offset),
		lag: String(p.latest - p.offset),
		...(p.note ? {note: p.note} : {}),
	}));
}
