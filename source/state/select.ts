// What the current view shows: the table of a view entry (filtered, sorted), memoised per refresh,
// and the visible window of it. Shared by the reducer (cursor moves) and the UI (drawing).
import type {BrokerInfo, ClusterSnapshot} from '../domain/cluster.js';
import type {LagHistory} from '../domain/lag-history.js';
import {
	brokersTable,
	cellText,
	groupDetailTable,
	groupsTable,
	partitionsTable,
	topicsTable,
	type Marks,
	type Row,
	type Table,
} from '../present/console-rows.js';

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

export interface TableSource {
	snapshot: ClusterSnapshot | null;
	/** brokers seen before that the cluster no longer lists */
	missing?: readonly BrokerInfo[];
	lag: LagHistory;
	marks: Marks;
}

/** Builds the table of a view id; views with their own drawing (agents, tail) have none. */
export type TableBuilder = (src: TableSource & {snapshot: ClusterSnapshot}, entry: ViewEntry) => Table | null;

const builders = new Map<string, TableBuilder>([
	['brokers', (s) => brokersTable(s.snapshot, s.marks, s.missing)],
	['topics', (s) => topicsTable(s.snapshot, s.marks)],
	['partitions', (s, e) => partitionsTable(s.snapshot, e.arg ?? '', s.marks)],
	['groups', (s) => groupsTable(s.snapshot, s.lag, s.marks)],
	['group', (s, e) => groupDetailTable(s.snapshot, s.lag, e.arg ?? '', s.marks)],
]);

/** Adds a table-backed view (one entry; the router picks it up). */
export function registerTable(view: string, build: TableBuilder): void {
	builders.set(view, build);
}

export function hasTable(view: string): boolean {
	return builders.has(view);
}

export interface ViewTable {
	table: Table;
	/** rows after filter and sort */
	rows: Row[];
	/** rows before the filter */
	total: number;
	/** the filter was not a valid regex and was matched literally */
	literal: boolean;
}

let cacheMarks: Marks | null = null;
let cacheSnapshot: ClusterSnapshot | null = null;
let cacheLag: LagHistory | null = null;
const cache = new Map<string, ViewTable | null>();
const baseCache = new Map<string, Table | null>();

export function filterRegex(filter: string): {re: RegExp; literal: boolean} {
	try {
		return {re: new RegExp(filter, 'i'), literal: false};
	} catch {
		return {re: new RegExp(filter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), literal: true};
	}
}

function compare(a: string | number | bigint, b: string | number | bigint): number {
	if (typeof a === 'string' || typeof b === 'string') return String(a).localeCompare(String(b), 'en', {numeric: true});
	return a < b ? -1 : a > b ? 1 : 0;
}

export function viewTable(src: TableSource, entry: ViewEntry): ViewTable | null {
	const build = builders.get(entry.view);
	if (!build || !src.snapshot) return null;
	if (cacheMarks !== src.marks || cacheSnapshot !== src.snapshot || cacheLag !== src.lag) {
		cache.clear();
		baseCache.clear();
		cacheMarks = src.marks;
		cacheSnapshot = src.snapshot;
		cacheLag = src.lag;
	}
	const baseKey = `${entry.view}\u0000${entry.arg ?? ''}`;
	const key = `${baseKey}\u0000${entry.filter}\u0000${entry.sort ?? ''}\u0000${entry.reverse ? 'r' : ''}`;
	if (cache.has(key)) return cache.get(key)!;
	let table = baseCache.get(baseKey);
	if (table === undefined) {
		table = build(src as TableSource & {snapshot: ClusterSnapshot}, entry);
		baseCache.set(baseKey, table);
	}
	if (!table) {
		cache.set(key, null);
		return null;
	}
	let rows = table.rows;
	let literal = false;
	if (entry.filter) {
		const f = filterRegex(entry.filter);
		literal = f.literal;
		rows = rows.filter((r) => {
			if (f.re.test(r.key)) return true;
			for (const c of r.cells) if (f.re.test(cellText(c))) return true;
			return false;
		});
	}
	if (entry.sort !== null && entry.sort < table.columns.length) {
		const col = entry.sort;
		const desc = (table.columns[col]!.numeric === true) !== Boolean(entry.reverse);
		rows = rows
			.map((r, i) => ({r, i, k: r.sort?.[col] ?? cellText(r.cells[col] ?? '')}))
			.sort((a, b) => (desc ? compare(b.k, a.k) : compare(a.k, b.k)) || a.i - b.i)
			.map((x) => x.r);
	}
	else if (entry.reverse) rows = [...rows].reverse();
	const result: ViewTable = {table, rows, total: table.rows.length, literal};
	cache.set(key, result);
	return result;
}

/** The cursor index for the entry: the selected row if it is still there, else the old index clamped. */
export function resolveCursor(entry: ViewEntry, rows: readonly Row[]): number {
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
