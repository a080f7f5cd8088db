// Where the current view is: the view entry (cursor, window, filter, sort), the cursor resolved
// against the rows a view shows, and the visible window of them. The rows themselves come from the
// table the view draws, built by the presentation layer and handed to the reducer (ShownTableOf).
export interface ViewEntry {
	view: string;
	/** the topic of `partitions`, the group of `group`, … */
	arg?: string;
	/** index of the cursor in the filtered, sorted rows */
	cursor: number;
	/** key of the row under the cursor: keeps the cursor on the same item across refreshes */
	selected?: string;
	/** first visible row */
	offset: number;
	/** regex typed after `/` ('' = none) */
	filter: string;
	/** sorted column, null = natural order */
	sort: number | null;
	/** the order turned around (shift-i): smallest numbers first, names Z→A, natural order backwards */
	reverse?: boolean;
}

/** What the cursor and the poll need of a view's table: its rows in display order and its columns. */
export interface ShownTable {
	/** rows after filter and sort */
	rows: readonly {key: string}[];
	table: {columns: readonly unknown[]};
}

/** The cursor index for the entry: the selected row if it is still there, else the old index clamped. */
export function resolveCursor(entry: ViewEntry, rows: readonly {key: string}[]): number {
	if (rows.length === 0) return 0;
	if (entry.selected !== undefined) {
		if (rows[entry.cursor]?.key === entry.selected) return entry.cursor;
		const i = rows.findIndex((r) => r.key === entry.selected);
		if (i >= 0) return i;
	}
	return Math.max(0, Math.min(entry.cursor, rows.length - 1));
}

/** Keeps the cursor inside the visible window of `height` rows. */
export function windowFor(cursor: number, offset: number, count: number, height: number): number {
	const h = Math.max(1, height);
	let o = Math.min(offset, Math.max(0, count - h));
	if (cursor < o) o = cursor;
	if (cursor >= o + h) o = cursor - h + 1;
	return Math.max(0, o);
}
