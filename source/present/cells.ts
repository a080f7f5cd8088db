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

/** What a row shows: its cells, sort keys and tone. */
export type RowBody = Pick<Row, 'cells' | 'sort' | 'tone'>;

/**
 * A row of a table with a row per partition. It holds its key and its item, and draws its cells
 * from the item each time they are asked for. Drawn up front, a 10,000-partition table was about
 * 12 MB of cells, segments and sort keys, built again on every refresh (at 94,000 partitions, a
 * frame of over a second each time). Only the visible rows are drawn per frame; a sort draws each
 * row once, and a filter once per refresh (present/view-table.ts keeps the texts it matches).
 */
export class LazyRow<T> implements Row {
	constructor(
		readonly key: string,
		private readonly item: T,
		private readonly draw: (item: T) => RowBody,
	) {}
	body(): RowBody {
		return this.draw(this.item);
	}
	get cells(): Cell[] {
		return this.body().cells;
	}
	get sort(): RowBody['sort'] {
		return this.body().sort;
	}
	get tone(): Tone | undefined {
		return this.body().tone;
	}
}

/** A row's cells, sort keys and tone, drawn once (a LazyRow draws on every property read). */
export function rowBody(row: Row): RowBody {
	return row instanceof LazyRow ? row.body() : row;
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
