// Lag over recent refreshes, per group partition and per group: pure, no I/O.
//
// Each console refresh appends one sample per (group, topic, partition) and per group (total lag),
// trimmed to the last `window` samples. From that window:
//   trend   growing / draining / flat (least-squares slope of lag over time)
//   status  as Burrow's consumer-lag evaluation rules, first match wins:
//             OK      lag touched 0 in the window
//             REWIND  the committed offset went back
//             STOP    lag > 0, the committed offset did not move in the whole window and no consumer
//                     holds the partition (nobody commits; Burrow: no commit for longer than the window)
//             STALL   lag > 0, the committed offset did not move although a consumer holds it
//             WARN    lag never decreased across the window (it grew or stayed, offsets moving)
//             OK      otherwise
//           We only see committed offsets at poll times (not commit timestamps), so STOP vs STALL is
//           told apart by whether a live consumer is assigned — what an operator would check next.
//   eta     seconds until lag reaches 0 at the current drain rate; null when not draining.
import type {ClusterSnapshot, GroupInfo} from './cluster.js';
import {groupLag, knownLagSum, partitionLag} from './lag.js';

export interface LagSample {
	/** epoch millis of the snapshot */
	at: number;
	committed: bigint | null;
	logEnd: bigint | null;
	lag: bigint | null;
	/** a consumer holds this partition (or, for group totals, the group has members) */
	consumed: boolean;
}

export type LagTrend = 'growing' | 'draining' | 'flat';
export type LagStatus = 'OK' | 'WARN' | 'STALL' | 'STOP' | 'REWIND';

export interface LagHistory {
	/** key: partitionKey(group, topic, partition) */
	partitions: ReadonlyMap<string, readonly LagSample[]>;
	/** key: group id; lag = the group's total lag */
	groups: ReadonlyMap<string, readonly LagSample[]>;
}

export const emptyLagHistory: LagHistory = {partitions: new Map(), groups: new Map()};

export function partitionKey(group: string, topic: string, partition: number): string {
	return `${group}\u0000${topic}\u0000${partition}`;
}

function append(list: readonly LagSample[] | undefined, sample: LagSample, window: number): LagSample[] {
	const next = list ? list.slice(Math.max(0, list.length - window + 1)) : [];
	next.push(sample);
	return next;
}

/** The history with one more sample per group partition from this snapshot (groups gone are dropped). */
export function recordLag(history: LagHistory, snapshot: ClusterSnapshot, window = 30): LagHistory {
	const partitions = new Map<string, LagSample[]>();
	const groups = new Map<string, LagSample[]>();
	const at = snapshot.takenAt;
	for (const group of snapshot.groups) {
		if (group.error && group.offsets.length === 0) {
			// coordinator unavailable: keep what we knew rather than recording a hole
			const old = history.groups.get(group.groupId);
			if (old) groups.set(group.groupId, [...old]);
			for (const [key, list] of history.partitions) {
				if (key.startsWith(group.groupId + '\u0000')) partitions.set(key, [...list]);
			}
			continue;
		}
		const hasMembers = group.members.length > 0;
		// a share group's rows carry the broker's lag; end − start offset is not its lag
		const share = group.groupType === 'share';
		for (const o of group.offsets) {
			const key = partitionKey(group.groupId, o.topic, o.partition);
			partitions.set(
				key,
				append(history.partitions.get(key), {
					at,
					committed: o.committed,
					logEnd: o.logEnd,
					lag: share ? o.lag : partitionLag(o.committed, o.logEnd),
					consumed: share ? hasMembers : o.consumerId !== null && o.consumerId !== '',
				}, window),
			);
		}
		groups.set(
			group.groupId,
			append(history.groups.get(group.groupId), {
				at,
				committed: null,
				logEnd: null,
				// a group without offsets has the gateway's total (0): nothing to consume, caught up
				lag: group.offsets.length === 0 ? group.totalLag : share ? knownLagSum(group.offsets) : groupLag(group.offsets),
				consumed: hasMembers,
			}, window),
		);
	}
	return {partitions, groups};
}

function withLag(samples: readonly LagSample[]): {at: number; lag: number}[] {
	const out: {at: number; lag: number}[] = [];
	for (const s of samples) if (s.lag !== null) out.push({at: s.at, lag: Number(s.lag)});
	return out;
}

/** Lag change per second (least squares over the window); null with fewer than 2 known samples. */
export function lagSlope(samples: readonly LagSample[]): number | null {
	const pts = withLag(samples);
	if (pts.length < 2) return null;
	const t0 = pts[0]!.at;
	let sx = 0;
	let sy = 0;
	for (const p of pts) {
		sx += (p.at - t0) / 1000;
		sy += p.lag;
	}
	const mx = sx / pts.length;
	const my = sy / pts.length;
	let num = 0;
	let den = 0;
	for (const p of pts) {
		const dx = (p.at - t0) / 1000 - mx;
		num += dx * (p.lag - my);
		den += dx * dx;
	}
	if (den === 0) return 0;
	return num / den;
}

/**
 * growing / draining when the fitted line moves lag by at least one message and 1 % of the mean lag
 * over the window; flat otherwise (including when fewer than 2 samples are known).
 */
export function lagTrend(samples: readonly LagSample[]): LagTrend {
	const pts = withLag(samples);
	const slope = lagSlope(samples);
	if (slope === null || pts.length < 2) return 'flat';
	const span = (pts[pts.length - 1]!.at - pts[0]!.at) / 1000;
	const moved = slope * span;
	const mean = pts.reduce((a, p) => a + p.lag, 0) / pts.length;
	const threshold = Math.max(1, mean * 0.01);
	if (moved >= threshold) return 'growing';
	if (moved <= -threshold) return 'draining';
	return 'flat';
}

/** Burrow-style status of one partition's (or one group's) window; null until 2 samples are known. */
export function lagStatus(samples: readonly LagSample[]): LagStatus | null {
	const known = samples.filter((s) => s.lag !== null);
	if (known.length === 0) return null;
	if (known.some((s) => s.lag === 0n)) return 'OK';
	if (known.length < 2) return null;
	for (let i = 1; i < samples.length; i++) {
		const a = samples[i - 1]!.committed;
		const b = samples[i]!.committed;
		if (a !== null && b !== null && b < a) return 'REWIND';
	}
	const commits = samples.map((s) => s.committed);
	const unmoved = commits[0] !== null && commits.every((c) => c === commits[0]);
	if (unmoved) return samples[samples.length - 1]!.consumed ? 'STALL' : 'STOP';
	let decreased = false;
	for (let i = 1; i < known.length; i++) {
		if (known[i]!.lag! < known[i - 1]!.lag!) decreased = true;
	}
	if (!decreased) return 'WARN';
	return 'OK';
}

const severity: Record<LagStatus, number> = {OK: 0, WARN: 1, STALL: 2, STOP: 3, REWIND: 4};

/** The worst of several statuses (a group is as bad as its worst partition, as in Burrow). */
export function worstStatus(statuses: Iterable<LagStatus | null>): LagStatus | null {
	let worst: LagStatus | null = null;
	for (const s of statuses) {
		if (s === null) continue;
		if (worst === null || severity[s] > severity[worst]) worst = s;
	}
	return worst;
}

/** Seconds until lag reaches 0 at the current drain rate: 0 when caught up, null when not draining. */
export function etaSeconds(samples: readonly LagSample[]): number | null {
	const pts = withLag(samples);
	if (pts.length === 0) return null;
	const lag = pts[pts.length - 1]!.lag;
	if (lag === 0) return 0;
	const slope = lagSlope(samples);
	if (slope === null || slope >= 0) return null;
	return lag / -slope;
}

export interface GroupLagSummary {
	trend: LagTrend;
	status: LagStatus | null;
	eta: number | null;
}

export function groupLagSummary(history: LagHistory, group: GroupInfo): GroupLagSummary {
	const totals = history.groups.get(group.groupId) ?? [];
	const statuses: (LagStatus | null)[] = [];
	for (const o of group.offsets) {
		const s = history.partitions.get(partitionKey(group.groupId, o.topic, o.partition));
		if (s) statuses.push(lagStatus(s));
	}
	return {trend: lagTrend(totals), status: worstStatus(statuses), eta: etaSeconds(totals)};
}

/** "42s", "3m10s", "2h05m", "—" for null. */
export function formatEta(seconds: number | null): string {
	if (seconds === null || !Number.isFinite(seconds)) return '—';
	const s = Math.round(seconds);
	if (s < 60) return `${s}s`;
	if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
	if (s < 86400 * 2) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
	return `${Math.floor(s / 86400)}d`;
}

/** The lag values of a window as numbers (null → 0), for a sparkline. */
export function lagSeries(samples: readonly LagSample[] | undefined): number[] {
	return (samples ?? []).map((s) => (s.lag === null ? 0 : Number(s.lag)));
}
