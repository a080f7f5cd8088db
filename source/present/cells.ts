// The building blocks of every console table: toned text segments, cells, columns, rows. Pure.
import type {Change, ChangeSet} from '../domain/snapshot-diff.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'dim' | 'accent' | 'changed';

export interface Segment {
	text: string;
	tone?: Tone;
}

export type Cell = string | Segment | Segment[];

export interface Column {
	title: string;
	/** fixed width; otherwise the column shares the remaining width by `flex` */
	width?: number;
	min?: number;
	flex?: number;
	align?: 'left' | 'right';
	/** sort largest first (numbers) */
	numeric?: boolean;
}

export interface Row {
	key: string;
	cells: Cell[];
	/** per column sort keys (defaults to the cell text) */
	sort?: (string | number | bigint)[];
	/** tone of the whole row (e.g. an offline partition) */
	tone?: Tone;
}

export interface Table {
	columns: Column[];
	rows: Row[];
}

export function cellText(cell: Cell): string {
	if (typeof cell === 'string') return cell;
	if (Array.isArray(cell)) return cell.map((s) => s.text).join('');
	return cell.text;
}

export function num(value: bigint | number | null | undefined): string {
	if (value === null || value === undefined) return '-';
	return value.toString();
}

/** The value shown in the 'changed' tone while `change` is among the marks, else in its own tone. */
export function marked(text: string, marks: ChangeSet, change: Change, tone?: Tone): Segment {
	return marks.has(change) ? {text, tone: 'changed'} : {text, tone};
}
