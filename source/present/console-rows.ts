// Snapshot -> the console's tables (columns + rows of toned text). Pure: no React, no terminal.
// The console's views draw these; tests assert on them directly or on the drawn frame.
import type {BrokerInfo, ClusterSnapshot, GroupInfo, PartitionInfo, TopicInfo} from '../domain/cluster.js';
import {clusterHealth, isUnderReplicated, liveBrokerIds, type ClusterHealth} from '../domain/health.js';
import {
	etaSeconds,
	formatEta,
	groupLagSummary,
	lagSeries,
	lagStatus,
	lagTrend,
	partitionKey,
	type LagHistory,
	type LagStatus,
	type LagTrend,
} from '../domain/lag-history.js';
import {sparkline} from './console-spark.js';

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

/** Keys of values that changed in the last refresh (see diffSnapshots). */
export type Marks = ReadonlySet<string>;

const noMarks: Marks = new Set();

export function cellText(cell: Cell): string {
	if (typeof cell === 'string') return cell;
	if (Array.isArray(cell)) return cell.map((s) => s.text).join('');
	return cell.text;
}

function marked(text: string, marks: Marks, key: string, tone?: Tone): Segment {
	return marks.has(key) ? {text, tone: 'changed'} : {text, tone};
}

export function num(value: bigint | number | null | undefined): string {
	if (value === null || value === undefined) return '-';
	return value.toString();
}

// --- health strip -------------------------------------------------------------------------

export interface HealthStrip {
	brokersUp: number;
	brokersTotal: number;
	underReplicated: number;
	offline: number;
	underMinIsr: number;
	groupsLagging: number;
	health: ClusterHealth;
}

export function groupLagging(history: LagHistory, group: GroupInfo): boolean {
	const summary = groupLagSummary(history, group);
	if (summary.status !== null) return summary.status !== 'OK';
	return group.totalLag > 0n && summary.trend !== 'draining';
}

/**
 * Brokers the console saw earlier (or that hold replicas) but the cluster no longer lists: after a
 * broker dies the controller fences it and it drops out of the metadata — it is still missing.
 */
export function missingBrokers(snapshot: ClusterSnapshot, known: ReadonlyMap<number, BrokerInfo>): BrokerInfo[] {
	// the gateway may list such brokers itself (registered: false); those are not missing here
	const listed = new Set(snapshot.brokers.map((b) => b.id));
	const out = new Map<number, BrokerInfo>();
	const why = 'not in the cluster metadata (fenced, stopped or dead)';
	for (const [id, b] of known) if (!listed.has(id)) out.set(id, {...b, reachable: false, error: why});
	for (const t of snapshot.topics) {
		for (const p of t.partitions) {
			for (const r of p.replicas) {
				if (!listed.has(r) && !out.has(r)) out.set(r, {id: r, host: '?', port: 0, rack: null, reachable: false, error: why});
			}
		}
	}
	return [...out.values()].sort((a, b) => a.id - b.id);
}

const stripCache = new WeakMap<ClusterSnapshot, {history: LagHistory; missing: readonly BrokerInfo[]; strip: HealthStrip}>();

/** Memoised per snapshot (the strip is drawn on every frame; it changes only with a refresh). */
export function healthStrip(snapshot: ClusterSnapshot, history: LagHistory, missing: readonly BrokerInfo[] = []): HealthStrip {
	const hit = stripCache.get(snapshot);
	if (hit && hit.history === history && hit.missing === missing) return hit.strip;
	const strip = computeHealthStrip(snapshot, history, missing);
	stripCache.set(snapshot, {history, missing, strip});
	return strip;
}

function computeHealthStrip(snapshot: ClusterSnapshot, history: LagHistory, missing: readonly BrokerInfo[]): HealthStrip {
	const health = clusterHealth(snapshot);
	return {
		brokersUp: health.brokersReachable,
		brokersTotal: health.brokersTotal + missing.length,
		underReplicated: health.underReplicated.length,
		offline: health.unavailable.length,
		underMinIsr: health.underMinIsr.length,
		groupsLagging: snapshot.groups.filter((g) => groupLagging(history, g)).length,
		health,
	};
}

export function healthSegments(h: HealthStrip): Segment[] {
	const count = (label: string, n: number, bad: Tone = 'bad'): Segment[] => [
		{text: `${label} `, tone: 'dim'},
		{text: String(n), tone: n > 0 ? bad : 'ok'},
		{text: '  '},
	];
	return [
		{text: 'brokers up ', tone: 'dim'},
		{text: `${h.brokersUp}/${h.brokersTotal}`, tone: h.brokersUp < h.brokersTotal ? 'bad' : 'ok'},
		{text: '  '},
		...count('under-replicated', h.underReplicated, 'warn'),
		...count('offline', h.offline),
		...count('under-min-ISR', h.underMinIsr),
		...count('groups lagging', h.groupsLagging, 'warn'),
	];
}

// --- brokers ------------------------------------------------------------------------------

export function brokersTable(snapshot: ClusterSnapshot, marks: Marks = noMarks, missing: readonly BrokerInfo[] = []): Table {
	const health = clusterHealth(snapshot);
	const loads = new Map(health.brokers.map((b) => [b.id, b]));
	const columns: Column[] = [
		{title: 'ID', width: 4, align: 'right', numeric: true},
		{title: 'HOST:PORT', min: 16, flex: 1},
		{title: 'REACHABLE', min: 12, flex: 4},
		{title: 'LEADERS', width: 8, align: 'right', numeric: true},
		{title: 'REPLICAS', width: 9, align: 'right', numeric: true},
		{title: 'OUT-OF-SYNC', width: 12, align: 'right', numeric: true},
		{title: 'RACK', width: 8},
	];
	const rows: Row[] = [...snapshot.brokers, ...missing]
		.sort((a, b) => a.id - b.id)
		.map((b: BrokerInfo) => {
			const load = loads.get(b.id);
			const reach: Segment = b.reachable
				? marked('yes', marks, `b:${b.id}:reachable`, 'ok')
				: {text: `no — ${b.error ?? 'unreachable'}`, tone: marks.has(`b:${b.id}:reachable`) ? 'changed' : 'bad'};
			return {
				key: String(b.id),
				cells: [
					String(b.id),
					b.port ? `${b.host}:${b.port}` : '-',
					reach,
					marked(String(load?.leaders ?? 0), marks, `b:${b.id}:leaders`),
					String(load?.replicas ?? 0),
					{text: String(load?.outOfSync ?? 0), tone: (load?.outOfSync ?? 0) > 0 ? 'warn' : undefined},
					b.rack ?? '-',
				],
				sort: [b.id, `${b.host}:${b.port}`, b.reachable ? 1 : 0, load?.leaders ?? 0, load?.replicas ?? 0, load?.outOfSync ?? 0, b.rack ?? ''],
				tone: b.reachable ? undefined : 'bad',
			};
		});
	return {columns, rows};
}

// --- topics -------------------------------------------------------------------------------

export interface TopicStats {
	partitions: number;
	rf: number;
	underReplicated: number;
	offline: number;
	/** sum of latest - earliest over partitions whose offsets are known; null when none is */
	messages: bigint | null;
}

export function topicStats(topic: TopicInfo, live: ReadonlySet<number>): TopicStats {
	let under = 0;
	let offline = 0;
	let messages: bigint | null = null;
	let rf = 0;
	for (const p of topic.partitions) {
		if (isUnderReplicated(p)) under++;
		if (p.leader === null || !live.has(p.leader)) offline++;
		if (p.replicas.length > rf) rf = p.replicas.length;
		if (p.earliestOffset !== null && p.latestOffset !== null) {
			messages = (messages ?? 0n) + (p.latestOffset - p.earliestOffset);
		}
	}
	return {partitions: topic.partitions.length, rf, underReplicated: under, offline, messages};
}

export function topicsTable(snapshot: ClusterSnapshot, marks: Marks = noMarks, includeInternal = true): Table {
	const live = liveBrokerIds(snapshot.brokers);
	const columns: Column[] = [
		{title: 'NAME', min: 12, flex: 3},
		{title: 'PARTITIONS', width: 11, align: 'right', numeric: true},
		{title: 'RF', width: 3, align: 'right', numeric: true},
		{title: 'UNDER-REPL', width: 11, align: 'right', numeric: true},
		{title: 'OFFLINE', width: 8, align: 'right', numeric: true},
		{title: 'MESSAGES', width: 14, align: 'right', numeric: true},
	];
	const rows: Row[] = [];
	for (const t of snapshot.topics) {
		if (!includeInternal && t.internal) continue;
		const s = topicStats(t, live);
		rows.push({
			key: t.name,
			cells: [
				t.internal ? {text: t.name, tone: 'dim'} : t.name,
				String(s.partitions),
				String(s.rf),
				{text: String(s.underReplicated), tone: marks.has(`t:${t.name}:under`) ? 'changed' : s.underReplicated > 0 ? 'warn' : undefined},
				{text: String(s.offline), tone: marks.has(`t:${t.name}:offline`) ? 'changed' : s.offline > 0 ? 'bad' : undefined},
				num(s.messages),
			],
			sort: [t.name, s.partitions, s.rf, s.underReplicated, s.offline, s.messages ?? -1n],
			tone: s.offline > 0 ? 'bad' : undefined,
		});
	}
	return {columns, rows};
}

// --- partitions of a topic ----------------------------------------------------------------

export type ReplicaState = 'in-sync' | 'out-of-sync' | 'offline';

export function replicaState(p: PartitionInfo, replica: number, live: ReadonlySet<number>, reachable: ReadonlySet<number>): ReplicaState {
	if (p.offlineReplicas.includes(replica) || !live.has(replica) || !reachable.has(replica)) return 'offline';
	if (!p.isr.includes(replica)) return 'out-of-sync';
	return 'in-sync';
}

/** Replica badges: in sync `3`, out of sync `4*`, offline `5!` — coloured green / yellow / red. */
export function replicaBadges(p: PartitionInfo, live: ReadonlySet<number>, reachable: ReadonlySet<number> = live): Segment[] {
	const out: Segment[] = [];
	p.replicas.forEach((r, i) => {
		if (i > 0) out.push({text: ' '});
		const state = replicaState(p, r, live, reachable);
		if (state === 'in-sync') out.push({text: `${r}`, tone: 'ok'});
		else if (state === 'out-of-sync') out.push({text: `${r}*`, tone: 'warn'});
		else out.push({text: `${r}!`, tone: 'bad'});
	});
	return out;
}

export function partitionsTable(snapshot: ClusterSnapshot, topicName: string, marks: Marks = noMarks): Table | null {
	const topic = snapshot.topics.find((t) => t.name === topicName);
	if (!topic) return null;
	const live = liveBrokerIds(snapshot.brokers);
	const reachable = new Set(snapshot.brokers.filter((b) => b.reachable).map((b) => b.id));
	const columns: Column[] = [
		{title: 'PARTITION', width: 9, align: 'right', numeric: true},
		{title: 'LEADER', width: 7, align: 'right'},
		{title: 'REPLICAS', min: 10, flex: 2},
		{title: 'ISR', min: 8, flex: 2},
		{title: 'EARLIEST', width: 12, align: 'right', numeric: true},
		{title: 'LATEST', width: 12, align: 'right', numeric: true},
		{title: 'ADDING/REMOVING', min: 8, flex: 1},
	];
	const rows: Row[] = topic.partitions.map((p) => {
		const k = `p:${topicName}:${p.partition}`;
		const leaderDown = p.leader !== null && !reachable.has(p.leader);
		const leader: Segment =
			p.leader === null
				? {text: 'none', tone: 'bad'}
				: marked(leaderDown ? `${p.leader}!` : String(p.leader), marks, `${k}:leader`, leaderDown ? 'bad' : undefined);
		const moving =
			p.addingReplicas.length || p.removingReplicas.length
				? `+${p.addingReplicas.join(',') || '-'} -${p.removingReplicas.join(',') || '-'}`
				: '';
		return {
			key: String(p.partition),
			cells: [
				String(p.partition),
				leader,
				replicaBadges(p, live, reachable),
				marked(p.isr.join(',') || '-', marks, `${k}:isr`, p.isr.length < p.replicas.length ? 'warn' : undefined),
				num(p.earliestOffset),
				num(p.latestOffset),
				moving ? {text: moving, tone: 'accent'} : '',
			],
			sort: [p.partition, p.leader ?? -1, p.replicas.join(','), p.isr.length, p.earliestOffset ?? -1n, p.latestOffset ?? -1n, moving],
			tone: p.leader === null ? 'bad' : undefined,
		};
	});
	return {columns, rows};
}

// --- groups -------------------------------------------------------------------------------

export function trendText(trend: LagTrend): Segment {
	if (trend === 'growing') return {text: '↑ growing', tone: 'bad'};
	if (trend === 'draining') return {text: '↓ draining', tone: 'ok'};
	return {text: '→ flat', tone: 'dim'};
}

export function statusText(status: LagStatus | null): Segment {
	if (status === null) return {text: '…', tone: 'dim'};
	const tone: Tone = status === 'OK' ? 'ok' : status === 'WARN' ? 'warn' : 'bad';
	return {text: status, tone};
}

export function groupTopics(g: GroupInfo): string[] {
	const set = new Set<string>();
	for (const o of g.offsets) set.add(o.topic);
	for (const m of g.members) for (const a of m.assignments) set.add(a.topic);
	return [...set].sort();
}

export function groupsTable(snapshot: ClusterSnapshot, history: LagHistory, marks: Marks = noMarks): Table {
	const columns: Column[] = [
		{title: 'GROUP', min: 12, flex: 3},
		{title: 'STATE', width: 20},
		{title: 'MEMBERS', width: 8, align: 'right', numeric: true},
		{title: 'TOPICS', min: 8, flex: 2},
		{title: 'LAG', width: 10, align: 'right', numeric: true},
		{title: 'TREND', width: 11},
		{title: 'STATUS', width: 7},
		{title: 'ETA', width: 7, align: 'right'},
	];
	const rows: Row[] = snapshot.groups.map((g) => {
		const s = groupLagSummary(history, g);
		const totalLag = g.totalLag;
		const k = `g:${g.groupId}`;
		const stateTone: Tone | undefined = g.error ? 'bad' : g.state === 'Stable' ? 'ok' : g.state === 'Empty' ? 'dim' : 'warn';
		const topics = groupTopics(g);
		return {
			key: g.groupId,
			cells: [
				g.groupId,
				marked(g.error ? `${g.state} (${g.error})` : g.state, marks, `${k}:state`, stateTone),
				String(g.members.length),
				topics.join(',') || '-',
				marked(totalLag.toString(), marks, `${k}:lag`, totalLag > 0n ? 'warn' : undefined),
				trendText(s.trend),
				statusText(s.status),
				formatEta(s.eta),
			],
			sort: [g.groupId, g.state, g.members.length, topics.join(','), totalLag, s.trend, s.status ?? '', s.eta ?? Infinity],
		};
	});
	return {columns, rows};
}

// --- one group ----------------------------------------------------------------------------

export function groupDetailTable(
	snapshot: ClusterSnapshot,
	history: LagHistory,
	groupId: string,
	marks: Marks = noMarks,
	sparkWidth = 12,
): Table | null {
	const g = snapshot.groups.find((x) => x.groupId === groupId);
	if (!g) return null;
	const columns: Column[] = [
		{title: 'TOPIC', min: 8, flex: 2},
		{title: 'PARTITION', width: 9, align: 'right', numeric: true},
		{title: 'CURRENT-OFFSET', width: 14, align: 'right', numeric: true},
		{title: 'LOG-END-OFFSET', width: 14, align: 'right', numeric: true},
		{title: 'LAG', width: 8, align: 'right', numeric: true},
		{title: 'LAG HISTORY', width: sparkWidth},
		{title: 'TREND', width: 11},
		{title: 'STATUS', width: 7},
		{title: 'ETA', width: 7, align: 'right'},
		{title: 'CONSUMER-ID', min: 8, flex: 2},
		{title: 'HOST', min: 6, flex: 1},
		{title: 'CLIENT-ID', min: 6, flex: 1},
	];
	const rows: Row[] = g.offsets
		.slice()
		.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
		.map((o) => {
			const samples = history.partitions.get(partitionKey(g.groupId, o.topic, o.partition)) ?? [];
			const status = lagStatus(samples);
			const trend = lagTrend(samples);
			const eta = etaSeconds(samples);
			return {
				key: `${o.topic}:${o.partition}`,
				cells: [
					o.topic,
					String(o.partition),
					num(o.committed),
					num(o.logEnd),
					marked(num(o.lag), marks, `go:${g.groupId}:${o.topic}:${o.partition}`, o.lag !== null && o.lag > 0n ? 'warn' : undefined),
					{text: sparkline(lagSeries(samples), sparkWidth), tone: 'accent'},
					trendText(trend),
					statusText(status),
					formatEta(eta),
					o.consumerId ?? '-',
					o.host ?? '-',
					o.clientId ?? '-',
				],
				sort: [o.topic, o.partition, o.committed ?? -1n, o.logEnd ?? -1n, o.lag ?? -1n, 0, trend, status ?? '', eta ?? Infinity, o.consumerId ?? '', o.host ?? '', o.clientId ?? ''],
			};
		});
	return {columns, rows};
}

// --- what changed between two snapshots -----------------------------------------------------

/** Keys of the values an operator should notice changing (leaders, ISR, reachability, lag, state). */
export function diffSnapshots(prev: ClusterSnapshot | null, next: ClusterSnapshot): Set<string> {
	const marks = new Set<string>();
	if (!prev) return marks;
	const oldBrokers = new Map(prev.brokers.map((b) => [b.id, b]));
	for (const b of next.brokers) {
		const o = oldBrokers.get(b.id);
		if (o && o.reachable !== b.reachable) marks.add(`b:${b.id}:reachable`);
	}
	const oldLoads = new Map(clusterHealth(prev).brokers.map((b) => [b.id, b.leaders]));
	for (const b of clusterHealth(next).brokers) {
		if (oldLoads.has(b.id) && oldLoads.get(b.id) !== b.leaders) marks.add(`b:${b.id}:leaders`);
	}
	const oldTopics = new Map(prev.topics.map((t) => [t.name, t]));
	const liveOld = liveBrokerIds(prev.brokers);
	const liveNew = liveBrokerIds(next.brokers);
	for (const t of next.topics) {
		const o = oldTopics.get(t.name);
		if (!o) continue;
		const so = topicStats(o, liveOld);
		const sn = topicStats(t, liveNew);
		if (so.underReplicated !== sn.underReplicated) marks.add(`t:${t.name}:under`);
		if (so.offline !== sn.offline) marks.add(`t:${t.name}:offline`);
		const oldParts = new Map(o.partitions.map((p) => [p.partition, p]));
		for (const p of t.partitions) {
			const op = oldParts.get(p.partition);
			if (!op) continue;
			if (op.leader !== p.leader) marks.add(`p:${t.name}:${p.partition}:leader`);
			if (op.isr.join(',') !== p.isr.join(',')) marks.add(`p:${t.name}:${p.partition}:isr`);
		}
	}
	const oldGroups = new Map(prev.groups.map((g) => [g.groupId, g]));
	for (const g of next.groups) {
		const o = oldGroups.get(g.groupId);
		if (!o) continue;
		if (o.state !== g.state) marks.add(`g:${g.groupId}:state`);
		if (o.totalLag !== g.totalLag) marks.add(`g:${g.groupId}:lag`);
		const oldOffsets = new Map(o.offsets.map((x) => [`${x.topic}:${x.partition}`, x.lag]));
		for (const x of g.offsets) {
			const k = `${x.topic}:${x.partition}`;
			if (oldOffsets.has(k) && oldOffsets.get(k) !== x.lag) marks.add(`go:${g.groupId}:${k}`);
		}
	}
	return marks;
}
