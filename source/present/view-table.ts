// present/: pure functions from snapshots and domain values to what is shown. One file per view and
// output, named after the resource:
//   <resource>-rows.ts   a console table (brokers, controllers, topics, partitions, groups, group-detail), built
//                        from cells.ts; health-strip.ts the strip above every view
//   <resource>-text.ts   the CLI's text output (brokers, topics, groups), as the Kafka tools print it
//   describe-json.ts     the `describe -o json` document (json.ts writes it); message-*.ts a tail's
//                        messages; terminal-safe.ts escapes every outside string before a terminal.
// This module is the console's index of table views: the table of a view entry, filtered and
// sorted, memoised per refresh. Adding a table view is one `<resource>-rows.ts` and one line below.
import type {BrokerInfo, ClusterSnapshot} from '../domain/cluster.js';
import type {LagHistory} from '../domain/lag-history.js';
import type {ChangeSet} from '../domain/snapshot-diff.js';
import {brokersTable} from './brokers-rows.js';
import {controllersTable} from './controllers-rows.js';
import {cellText, rowBody, type Row, type Table} from './cells.js';
import {groupDetailTable} from './group-detail-rows.js';
import {groupsTable} from './groups-rows.js';
import {partitionsTable} from './partitions-rows.js';
import {topicsTable} from './topics-rows.js';

export interface TableSource {
	snapshot: ClusterSnapshot | null;
	/** brokers seen before that the cluster no longer lists */
	missing?: readonly BrokerInfo[];
	lag: LagHistory;
	marks: ChangeSet;
}

/** What of a view entry picks and orders its table (the console's ViewEntry has these). */
export interface TableQuery {
	view: string;
	/** the topic of `partitions`, the group of `group`, … */
	arg?: string;
	/** regex typed after `/` ('' = none) */
	filter: string;
	/** sorted column, null = natural order */
	sort: number | null;
	/** the order turned around: smallest numbers first, names Z→A, natural order backwards */
	reverse?: boolean;
}

/** Builds the table of a view id; views with their own drawing (agents, tail) have none. */
export type TableBuilder = (src: TableSource & {snapshot: ClusterSnapshot}, entry: TableQuery) => Table | null;

const builders = new Map<string, TableBuilder>([
	['brokers', (s) => brokersTable(s.snapshot, s.marks, s.missing)],
	['topics', (s) => topicsTable(s.snapshot, s.marks)],
	['partitions', (s, e) => partitionsTable(s.snapshot, e.arg ?? '', s.marks)],
	['groups', (s) => groupsTable(s.snapshot, s.lag, s.marks)],
	['group', (s, e) => groupDetailTable(s.snapshot, s.lag, e.arg ?? '', s.marks)],
	['controllers', (s) => controllersTable(s.snapshot)],
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

let cacheMarks: ChangeSet | null = null;
let cacheSnapshot: ClusterSnapshot | null = null;
let cacheLag: LagHistory | null = null;
const cache = new Map<string, ViewTable | null>();
const baseCache = new Map<string, Table | null>();
// what a filter matches, per row of a base table: each cell's text. Kept from the first keystroke
// of a filter to the next refresh, so that typing does not draw every row again per character.
const textCache = new Map<string, string[][]>();

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

export function viewTable(src: TableSource, entry: TableQuery): ViewTable | null {
	const build = builders.get(entry.view);
	if (!build || !src.snapshot) return null;
	if (cacheMarks !== src.marks || cacheSnapshot !== src.snapshot || cacheLag !== src.lag) {
		cache.clear();
		baseCache.clear();
		textCache.clear();
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
		let texts = textCache.get(baseKey);
		if (!texts) {
			texts = rows.map((r) => rowBody(r).cells.map(cellText));
			textCache.set(baseKey, texts);
		}
		const cellTexts = texts;
		rows = rows.filter((r, i) => {
			if (f.re.test(r.key)) return true;
			for (const t of cellTexts[i]!) if (f.re.test(t)) return true;
			return false;
		});
	}
	if (entry.sort !== null && entry.sort < table.columns.length) {
		const col = entry.sort;
		const desc = (table.columns[col]!.numeric === true) !== Boolean(entry.reverse);
		rows = rows
			.map((r, i) => {
				const body = rowBody(r);
				return {r, i, k: body.sort?.[col] ?? cellText(body.cells[col] ?? '')};
			})
			.sort((a, b) => (desc ? compare(b.k, a.k) : compare(a.k, b.k)) || a.i - b.i)
			.map((x) => x.r);
	}
	else if (entry.reverse) rows = [...rows].reverse();
	const result: ViewTable = {table, rows, total: table.rows.length, literal};
	cache.set(key, result);
	return result;
}
