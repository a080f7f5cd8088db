// The console's one reducer: view stack, cursor, filter, sort, input modes, flash messages,
// snapshots and lag history, connection status. Pure: timers and I/O live in the poller and hooks.
// The rows a view shows are drawn by the presentation layer, which state does not import: the console
// builds its reducer with consoleReducer(tableOf), handing in the function that gives a view's table.
import type {BrokerInfo, ClusterSnapshot, TopicInfo} from '../domain/cluster.js';
import {emptyLagHistory, recordLag, type LagHistory} from '../domain/lag-history.js';
import {missingBrokers} from '../domain/health.js';
import {ChangeSet, diffSnapshots, newlyMissing} from '../domain/snapshot-diff.js';
import {resolveCursor, windowFor, type ShownTable, type ViewEntry} from './select.js';

export type {ViewEntry} from './select.js';

export type Mode = 'normal' | 'command' | 'filter' | 'help';
export type FlashLevel = 'info' | 'warn' | 'error';

export interface Flash {
	level: FlashLevel;
	text: string;
	/** epoch millis; a hook clears it after a few seconds */
	at: number;
}

export interface Connection {
	status: 'connecting' | 'up' | 'down';
	/** consecutive failed polls (0 when up) */
	attempt: number;
	error?: string;
	/** epoch millis of the last good snapshot */
	lastOk?: number;
	/** ms from the last try to the next while not up: the refresh interval, or more while backing off */
	retryInMs?: number;
}

export interface ConsoleState {
	stack: ViewEntry[];
	mode: Mode;
	/** text typed in the command bar (mode command) */
	input: string;
	/** first line of the `?` overlay shown (mode help); 0 whenever it opens */
	helpOffset: number;
	snapshot: ClusterSnapshot | null;
	/** every broker seen since the console started (by id, last known address) */
	knownBrokers: ReadonlyMap<number, BrokerInfo>;
	/** known brokers the latest snapshot does not list (fenced / dead) */
	missing: BrokerInfo[];
	lag: LagHistory;
	/** values that changed in the last refresh, highlighted until 'expire-marks' */
	marks: ChangeSet;
	connection: Connection;
	polling: boolean;
	refreshMs: number;
	readOnly: boolean;
	flash: Flash | null;
	viewport: {width: number; height: number};
	/** number of snapshots received */
	refreshes: number;
	/** operator actions in flight (id → what the strip says); polling pauses while any runs */
	actions: ReadonlyArray<{id: string; label: string}>;
	/** after an action: the part of the cluster the next poll refreshes (only what changed) */
	refreshScope: RefreshScope | null;
}

/** topics: the ones an action touched, or 'all' (leadership of every topic, after a broker action); groups and offsets are kept */
export interface RefreshScope {
	topics: string[] | 'all';
}

export type Action =
	| {type: 'resize'; width: number; height: number}
	| {type: 'poll-start'}
	// retryInMs: when the poller tries next (the back-off while every broker is unreachable)
	| {type: 'snapshot'; snapshot: ClusterSnapshot; offsetsFor?: string[] | 'all' | 'none'; scope?: RefreshScope; retryInMs?: number}
	| {type: 'action-start'; id: string; label: string}
	| {type: 'action-end'; id: string; refresh?: RefreshScope}
	| {type: 'poll-failed'; error: string; attempt: number; retryInMs: number}
	| {type: 'expire-marks'}
	| {type: 'flash'; level: FlashLevel; text: string; at?: number}
	| {type: 'clear-flash'; at?: number}
	| {type: 'move'; delta: number}
	| {type: 'move-to'; where: 'top' | 'bottom'}
	| {type: 'page'; dir: 1 | -1}
	| {type: 'push'; view: string; arg?: string}
	| {type: 'goto'; view: string; arg?: string}
	| {type: 'pop'}
	| {type: 'mode'; mode: Mode}
	/** scroll the `?` overlay to `offset`, kept within 0…max (the lines that do not fit) */
	| {type: 'help-scroll'; offset: number; max: number}
	| {type: 'input'; text: string}
	| {type: 'filter'; text: string}
	| {type: 'sort-next'}
	| {type: 'sort-reverse'};

export const chromeLines = 6;

/** Rows of a list that fit in the viewport (header, health strip, banner, title, column header, footer). */
export function listHeight(state: Pick<ConsoleState, 'viewport'>): number {
	return Math.max(1, state.viewport.height - chromeLines);
}

export function entry(view: string, arg?: string): ViewEntry {
	return {view, arg, cursor: 0, offset: 0, filter: '', sort: null};
}

export function initialState(options: {refreshMs?: number; readOnly?: boolean; view?: string; width?: number; height?: number} = {}): ConsoleState {
	return {
		stack: [entry(options.view ?? 'brokers')],
		mode: 'normal',
		input: '',
		helpOffset: 0,
		snapshot: null,
		knownBrokers: new Map(),
		missing: [],
		lag: emptyLagHistory,
		marks: ChangeSet.none,
		connection: {status: 'connecting', attempt: 0},
		polling: false,
		refreshMs: options.refreshMs ?? 2000,
		readOnly: options.readOnly ?? false,
		flash: null,
		viewport: {width: options.width ?? 120, height: options.height ?? 40},
		refreshes: 0,
		actions: [],
		refreshScope: null,
	};
}

export function current(state: ConsoleState): ViewEntry {
	return state.stack[state.stack.length - 1]!;
}

function replaceTop(state: ConsoleState, top: ViewEntry): ConsoleState {
	return {...state, stack: [...state.stack.slice(0, -1), top]};
}

/**
 * Offsets are fetched only for what is on screen: topics whose offsets were not asked for this time
 * keep the values of the previous snapshot (marked neither as changed nor as unknown).
 */
export function carryOffsets(prev: ClusterSnapshot | null, next: ClusterSnapshot, fetched: string[] | 'all' | 'none' | undefined): ClusterSnapshot {
	if (!prev || fetched === undefined || fetched === 'all') return next;
	const asked = fetched === 'none' ? new Set<string>() : new Set(fetched);
	const old = new Map(prev.topics.map((t) => [t.name, t]));
	let changed = false;
	const topics = next.topics.map((t) => {
		if (asked.has(t.name)) return t;
		const o = old.get(t.name);
		if (!o) return t;
		const oldParts = new Map(o.partitions.map((p) => [p.partition, p]));
		changed = true;
		return {
			...t,
			partitions: t.partitions.map((p) => {
				if (p.earliestOffset !== null || p.latestOffset !== null) return p;
				const op = oldParts.get(p.partition);
				return op ? {...p, earliestOffset: op.earliestOffset, latestOffset: op.latestOffset} : p;
			}),
		};
	});
	return changed ? {...next, topics} : next;
}

function widenScope(a: RefreshScope | null, b: RefreshScope): RefreshScope {
	if (!a) return b;
	if (a.topics === 'all' || b.topics === 'all') return {topics: 'all'};
	return {topics: [...new Set([...a.topics, ...b.topics])]};
}

/**
 * A scoped poll (after an action) describes only part of the cluster: its brokers and the topics it
 * asked for replace the old ones; every other topic and every group stay as they were.
 */
export function mergeScoped(prev: ClusterSnapshot | null, next: ClusterSnapshot, scope: RefreshScope): ClusterSnapshot {
	if (!prev) return next;
	const old = new Map(prev.topics.map((t) => [t.name, t]));
	// configs were not asked for again: min.insync.replicas and the rest keep their last values
	const withConfigs = (t: TopicInfo): TopicInfo => {
		const o = old.get(t.name);
		return o && t.minInsyncReplicas === undefined && t.configs === undefined ? {...t, minInsyncReplicas: o.minInsyncReplicas, configs: o.configs} : t;
	};
	if (scope.topics === 'all') return {...next, topics: next.topics.map(withConfigs), groups: prev.groups};
	const fresh = new Map(next.topics.map((t) => [t.name, withConfigs(t)]));
	return {...next, topics: prev.topics.map((t) => fresh.get(t.name) ?? t), groups: prev.groups};
}

/** The table a view entry shows (filtered, sorted), null for views without one. */
export type ShownTableOf = (state: ConsoleState, entry: ViewEntry) => ShownTable | null;

function moveTo(state: ConsoleState, tableOf: ShownTableOf, index: (cursor: number, count: number, page: number) => number): ConsoleState {
	const top = current(state);
	const vt = tableOf(state, top);
	if (!vt || vt.rows.length === 0) return state;
	const page = listHeight(state);
	const cursor = resolveCursor(top, vt.rows);
	const next = Math.max(0, Math.min(vt.rows.length - 1, index(cursor, vt.rows.length, page)));
	const offset = windowFor(next, top.offset, vt.rows.length, page);
	if (next === top.cursor && offset === top.offset && top.selected === vt.rows[next]!.key) return state;
	return replaceTop(state, {...top, cursor: next, offset, selected: vt.rows[next]!.key});
}

/** The console's reducer, moving cursors over the rows `tableOf` gives. */
export function consoleReducer(tableOf: ShownTableOf): (state: ConsoleState, action: Action) => ConsoleState {
	return (state, action) => reduce(state, action, tableOf);
}

function reduce(state: ConsoleState, action: Action, tableOf: ShownTableOf): ConsoleState {
	switch (action.type) {
		case 'resize':
			if (state.viewport.width === action.width && state.viewport.height === action.height) return state;
			return {...state, viewport: {width: action.width, height: action.height}};
		case 'poll-start':
			return state.polling ? state : {...state, polling: true};
		case 'snapshot': {
			const scoped = action.scope ? mergeScoped(state.snapshot, action.snapshot, action.scope) : action.snapshot;
			const snapshot = carryOffsets(state.snapshot, scoped, action.offsetsFor);
			const allDown = snapshot.brokers.length > 0 && snapshot.brokers.every((b) => !b.reachable);
			const known = new Map(state.knownBrokers);
			for (const b of snapshot.brokers) if (b.registered !== false) known.set(b.id, b);
			const missing = missingBrokers(snapshot, known);
			const marks = diffSnapshots(state.snapshot, snapshot).with(newlyMissing(state.missing, missing));
			return {
				...state,
				snapshot,
				knownBrokers: known,
				missing: missing.length === 0 && state.missing.length === 0 ? state.missing : missing,
				// a scoped poll carries the old groups: no new lag sample from them
				lag: action.scope ? state.lag : recordLag(state.lag, snapshot),
				marks,
				polling: false,
				refreshes: state.refreshes + 1,
				refreshScope: action.scope ? null : state.refreshScope,
				connection: allDown
					? {
							...state.connection,
							status: 'down',
							attempt: state.connection.attempt + 1,
							error: 'no broker reachable',
							...(action.retryInMs === undefined ? {} : {retryInMs: action.retryInMs}),
						}
					: {status: 'up', attempt: 0, lastOk: snapshot.takenAt},
			};
		}
		case 'poll-failed':
			return {
				...state,
				polling: false,
				connection: {
					...state.connection,
					status: state.snapshot || state.connection.status === 'down' || action.attempt > 1 ? 'down' : 'connecting',
					attempt: action.attempt,
					error: action.error,
					retryInMs: action.retryInMs,
				},
			};
		case 'action-start':
			return {...state, actions: [...state.actions.filter((a) => a.id !== action.id), {id: action.id, label: action.label}]};
		case 'action-end': {
			const actions = state.actions.filter((a) => a.id !== action.id);
			return {...state, actions, refreshScope: action.refresh ? widenScope(state.refreshScope, action.refresh) : state.refreshScope};
		}
		case 'expire-marks':
			return state.marks.size === 0 ? state : {...state, marks: ChangeSet.none};
		case 'flash':
			return {...state, flash: {level: action.level, text: action.text, at: action.at ?? Date.now()}};
		case 'clear-flash':
			if (!state.flash || (action.at !== undefined && state.flash.at !== action.at)) return state;
			return {...state, flash: null};
		case 'move':
			return moveTo(state, tableOf, (c) => c + action.delta);
		case 'move-to':
			return moveTo(state, tableOf, (_c, n) => (action.where === 'top' ? 0 : n - 1));
		case 'page':
			return moveTo(state, tableOf, (c, _n, page) => c + action.dir * Math.max(1, page - 1));
		case 'push':
			return {...state, mode: 'normal', stack: [...state.stack, entry(action.view, action.arg)]};
		case 'goto':
			return {...state, mode: 'normal', input: '', stack: [entry(action.view, action.arg)]};
		case 'pop':
			if (state.stack.length <= 1) return state;
			return {...state, stack: state.stack.slice(0, -1)};
		case 'mode':
			return {...state, mode: action.mode, input: action.mode === 'command' ? '' : state.input, helpOffset: action.mode === 'help' ? 0 : state.helpOffset};
		case 'help-scroll':
			return {...state, helpOffset: Math.max(0, Math.min(action.max, action.offset))};
		case 'input':
			return {...state, input: action.text};
		case 'filter': {
			const top = current(state);
			if (top.filter === action.text) return state;
			return replaceTop(state, {...top, filter: action.text, cursor: 0, offset: 0, selected: undefined});
		}
		case 'sort-next': {
			const top = current(state);
			const vt = tableOf(state, top);
			if (!vt) return state;
			const n = vt.table.columns.length;
			const sort = top.sort === null ? 0 : top.sort + 1 >= n ? null : top.sort + 1;
			return replaceTop(state, {...top, sort});
		}
		case 'sort-reverse': {
			const top = current(state);
			return replaceTop(state, {...top, reverse: !top.reverse});
		}
	}
}
