// Partition reassignment plans in the JSON format of kafka-reassign-partitions / Kafka's
// ReassignPartitionsCommand: {"version":1,"partitions":[{"topic","partition","replicas":[…],
// "log_dirs":["any",…]}]}. Generation, parsing and validation are pure functions of a snapshot.
import type {BrokerInfo, TopicInfo} from './cluster.js';
import {INT32_MAX, RATE_RANGE} from './numbers.js';

export interface PlanEntry {
	topic: string;
	partition: number;
	replicas: number[];
	log_dirs?: string[];
}

export interface ReassignmentPlan {
	version: 1;
	partitions: PlanEntry[];
}

export class PlanError extends Error {
	constructor(readonly problems: string[]) {
		super(problems.length === 1 ? problems[0]! : `${problems.length} problems in the plan: ${problems.join('; ')}`);
		this.name = 'PlanError';
	}
}

// ---------------------------------------------------------------------------------------------
// generate

export interface GenerateOptions {
	/** broker id → rack; with rackAware, replicas of one partition go to distinct racks when possible */
	racks?: ReadonlyMap<number, string | null>;
	rackAware?: boolean;
}

export interface GeneratedPlan {
	plan: ReassignmentPlan;
	current: ReassignmentPlan;
	/** replicas placed on a broker that did not hold them */
	replicaMoves: number;
	/** partitions whose preferred leader (first replica) changes */
	leaderChanges: number;
	/** per target broker: replicas and preferred leaderships in the plan */
	load: Array<{broker: number; replicas: number; leaders: number}>;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export function generatePlan(topics: TopicInfo[], brokers: number[], options: GenerateOptions = {}): GeneratedPlan {
	const targets = [...new Set(brokers)].sort((a, b) => a - b);
	if (targets.length === 0) throw new PlanError(['no target brokers given']);
	const problems: string[] = [];
	for (const t of topics) {
		for (const p of t.partitions) {
			if (p.replicas.length > targets.length) {
				problems.push(`${t.name}-${p.partition} has ${p.replicas.length} replicas but only ${targets.length} target brokers`);
			}
		}
	}
	if (problems.length) throw new PlanError(problems);
	const rackOf = (b: number) => (options.rackAware ? (options.racks?.get(b) ?? null) : null);

	interface Slot {
		topic: string;
		partition: number;
		rf: number;
		current: number[];
		replicas: number[];
	}
	const slots: Slot[] = [];
	for (const t of [...topics].sort((a, b) => a.name.localeCompare(b.name))) {
		for (const p of [...t.partitions].sort((a, b) => a.partition - b.partition)) {
			slots.push({
				topic: t.name,
				partition: p.partition,
				rf: p.replicas.length,
				current: [...p.replicas],
				replicas: p.replicas.filter((r) => targets.includes(r)),
			});
		}
	}
	const total = slots.reduce((n, s) => n + s.rf, 0);
	const count = new Map<number, number>(targets.map((b) => [b, 0]));
	for (const s of slots) for (const r of s.replicas) count.set(r, count.get(r)! + 1);
	const hi = Math.ceil(total / targets.length);

	// 1. brokers over the upper bound shed replicas (the latest kept ones first)
	for (const b of targets) {
		for (let i = slots.length - 1; i >= 0 && count.get(b)! > hi; i--) {
			const s = slots[i]!;
			const at = s.replicas.indexOf(b);
			if (at >= 0 && s.replicas.length > 0) {
				s.replicas.splice(at, 1);
				count.set(b, count.get(b)! - 1);
			}
		}
	}
	// 2. fill empty slots with the least-loaded broker (distinct racks first when rack-aware)
	const pick = (s: Slot): number | undefined => {
		const candidates = targets.filter((b) => !s.replicas.includes(b));
		const usedRacks = new Set(s.replicas.map(rackOf).filter((r) => r !== null));
		candidates.sort((a, b) => {
			const ra = rackOf(a);
			const rb = rackOf(b);
			const pa = ra !== null && usedRacks.has(ra) ? 1 : 0;
			const pb = rb !== null && usedRacks.has(rb) ? 1 : 0;
			return pa - pb || count.get(a)! - count.get(b)! || a - b;
		});
		return candidates[0];
	};
	for (const s of slots) {
		while (s.replicas.length < s.rf) {
			const b = pick(s)!;
			s.replicas.push(b);
			count.set(b, count.get(b)! + 1);
		}
	}
	// 3. even out: move one replica from the most to the least loaded broker while they differ by > 1
	for (let guard = 0; guard < total * targets.length; guard++) {
		const sorted = [...targets].sort((a, b) => count.get(a)! - count.get(b)! || a - b);
		const low = sorted[0]!;
		const high = sorted[sorted.length - 1]!;
		if (count.get(high)! - count.get(low)! <= 1) break;
		const movable = slots.find((s) => {
			if (!s.replicas.includes(high) || s.replicas.includes(low)) return false;
			if (!options.rackAware) return true;
			const others = s.replicas.filter((r) => r !== high).map(rackOf);
			return rackOf(low) === null || !others.includes(rackOf(low)) || others.includes(rackOf(high));
		});
		if (!movable) break;
		movable.replicas[movable.replicas.indexOf(high)] = low;
		count.set(high, count.get(high)! - 1);
		count.set(low, count.get(low)! + 1);
	}
	// 4. preferred leaders: keep the current one while its broker is under the fair share, else the
	//    replica with the fewest leaderships
	const leaderHi = Math.ceil(slots.length / targets.length);
	const leaders = new Map<number, number>(targets.map((b) => [b, 0]));
	const chosen = new Map<Slot, number>();
	for (const s of slots) {
		const currentLeader = s.current[0];
		if (currentLeader !== undefined && s.replicas.includes(currentLeader) && leaders.get(currentLeader)! < leaderHi) {
			chosen.set(s, currentLeader);
			leaders.set(currentLeader, leaders.get(currentLeader)! + 1);
		}
	}
	for (const s of slots) {
		if (chosen.has(s)) continue;
		const leader = [...s.replicas].sort((a, b) => leaders.get(a)! - leaders.get(b)! || a - b)[0]!;
		chosen.set(s, leader);
		leaders.set(leader, leaders.get(leader)! + 1);
	}
	for (let guard = 0; guard < slots.length * targets.length; guard++) {
		const sorted = [...targets].sort((a, b) => leaders.get(a)! - leaders.get(b)! || a - b);
		const low = sorted[0]!;
		const high = sorted[sorted.length - 1]!;
		if (leaders.get(high)! - leaders.get(low)! <= 1) break;
		const s = slots.find((x) => chosen.get(x) === high && x.replicas.includes(low));
		if (!s) break;
		chosen.set(s, low);
		leaders.set(high, leaders.get(high)! - 1);
		leaders.set(low, leaders.get(low)! + 1);
	}
	let replicaMoves = 0;
	let leaderChanges = 0;
	const plan: ReassignmentPlan = {version: 1, partitions: []};
	const current: ReassignmentPlan = {version: 1, partitions: []};
	for (const s of slots) {
		const leader = chosen.get(s)!;
		const replicas = [leader, ...s.replicas.filter((r) => r !== leader)];
		replicaMoves += replicas.filter((r) => !s.current.includes(r)).length;
		if (s.current[0] !== leader) leaderChanges++;
		plan.partitions.push(entry(s.topic, s.partition, replicas));
		current.partitions.push(entry(s.topic, s.partition, s.current));
	}
	const load = targets.map((b) => ({broker: b, replicas: count.get(b)!, leaders: leaders.get(b)!}));
	return {plan, current, replicaMoves, leaderChanges, load};
}

export function entry(topic: string, partition: number, replicas: number[]): PlanEntry {
	return {topic, partition, replicas: [...replicas], log_dirs: replicas.map(() => 'any')};
}

/** The assignment of the plan's partitions as it is now: the plan to run to roll back. */
export function rollbackPlan(plan: ReassignmentPlan, topics: TopicInfo[]): ReassignmentPlan {
	const byKey = new Map<string, number[]>();
	for (const t of topics) for (const p of t.partitions) byKey.set(key(t.name, p.partition), p.replicas);
	return {
		version: 1,
		partitions: plan.partitions.map((e) => entry(e.topic, e.partition, byKey.get(key(e.topic, e.partition)) ?? [])),
	};
}

/** The plan as ReassignPartitionsCommand writes it: one line of JSON. */
export function formatPlan(plan: ReassignmentPlan): string {
	return JSON.stringify({
		version: 1,
		partitions: plan.partitions.map((e) => ({
			topic: e.topic,
			partition: e.partition,
			replicas: e.replicas,
			log_dirs: e.log_dirs ?? e.replicas.map(() => 'any'),
		})),
	});
}

// ---------------------------------------------------------------------------------------------
// parse + validate

/** Partitions and broker ids are int32 on the wire. */
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX;

/** Parses plan JSON; collects every structural problem before failing with PlanError. */
export function parsePlan(text: string): ReassignmentPlan {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new PlanError([`the plan is not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
	}
	const problems: string[] = [];
	if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new PlanError(['the plan must be a JSON object']);
	const obj = data as Record<string, unknown>;
	if (obj['version'] !== undefined && obj['version'] !== 1) problems.push(`unsupported plan version ${JSON.stringify(obj['version'])} (expected 1)`);
	const list = obj['partitions'];
	if (!Array.isArray(list)) throw new PlanError([...problems, 'the plan has no "partitions" array']);
	if (list.length === 0) problems.push('the plan lists no partitions');
	const partitions: PlanEntry[] = [];
	const seen = new Set<string>();
	list.forEach((raw: unknown, i: number) => {
		const where = `partitions[${i}]`;
		if (typeof raw !== 'object' || raw === null) {
			problems.push(`${where} is not an object`);
			return;
		}
		const e = raw as Record<string, unknown>;
		const topic = e['topic'];
		const partition = e['partition'];
		const replicas = e['replicas'];
		const logDirs = e['log_dirs'];
		let ok = true;
		if (typeof topic !== 'string' || topic === '') {
			problems.push(`${where}: "topic" must be a non-empty string`);
			ok = false;
		}
		if (!isInt(partition) || partition < 0) {
			problems.push(`${where}: "partition" must be a whole number from 0 to ${INT32_MAX}`);
			ok = false;
		}
		const name = ok ? `${topic as string}-${partition as number}` : where;
		if (!Array.isArray(replicas) || !replicas.every(isInt)) {
			problems.push(`${name}: "replicas" must be an array of broker ids`);
			ok = false;
		} else if (replicas.length === 0) {
			problems.push(`${name}: empty replica list`);
			ok = false;
		} else if (new Set(replicas).size !== replicas.length) {
			const dupes = replicas.filter((r, j) => replicas.indexOf(r) !== j);
			problems.push(`${name}: duplicate replica${dupes.length > 1 ? 's' : ''} ${[...new Set(dupes)].join(', ')} in [${replicas.join(',')}]`);
			ok = false;
		}
		if (logDirs !== undefined) {
			if (!Array.isArray(logDirs) || !logDirs.every((d) => typeof d === 'string')) {
				problems.push(`${name}: "log_dirs" must be an array of strings`);
				ok = false;
			} else if (Array.isArray(replicas) && logDirs.length !== replicas.length) {
				problems.push(`${name}: "log_dirs" has ${logDirs.length} entries for ${replicas.length} replicas`);
				ok = false;
			} else if (logDirs.some((d) => d !== 'any')) {
				problems.push(`${name}: only "any" log directories are supported`);
				ok = false;
			}
		}
		if (ok) {
			const k = key(topic as string, partition as number);
			if (seen.has(k)) {
				problems.push(`${name} is listed more than once`);
				return;
			}
			seen.add(k);
			partitions.push({topic: topic as string, partition: partition as number, replicas: replicas as number[], log_dirs: logDirs as string[] | undefined});
		}
	});
	if (problems.length) throw new PlanError(problems);
	return {version: 1, partitions};
}

export interface ValidateOptions {
	allowRfChange?: boolean;
}

/** Every problem of the plan against the cluster: missing topics/partitions, unknown or dead brokers, RF changes. */
export function planProblems(plan: ReassignmentPlan, topics: TopicInfo[], brokers: BrokerInfo[], options: ValidateOptions = {}): string[] {
	const problems: string[] = [];
	const byName = new Map(topics.map((t) => [t.name, t]));
	const live = new Map(brokers.map((b) => [b.id, b]));
	const everSeen = new Set<number>();
	for (const t of topics) for (const p of t.partitions) for (const r of p.replicas) everSeen.add(r);
	const reportedMissing = new Set<string>();
	const reportedBroker = new Set<number>();
	for (const e of plan.partitions) {
		const name = `${e.topic}-${e.partition}`;
		const topic = byName.get(e.topic);
		if (!topic) {
			if (!reportedMissing.has(e.topic)) problems.push(`topic '${e.topic}' does not exist`);
			reportedMissing.add(e.topic);
		} else {
			const p = topic.partitions.find((x) => x.partition === e.partition);
			if (!p) problems.push(`partition ${name} does not exist (topic '${e.topic}' has ${topic.partitions.length} partitions)`);
			else if (!options.allowRfChange && p.replicas.length !== e.replicas.length) {
				problems.push(`${name}: replication factor would change from ${p.replicas.length} to ${e.replicas.length} (use --allow-rf-change)`);
			}
		}
		for (const r of e.replicas) {
			if (reportedBroker.has(r)) continue;
			const b = live.get(r);
			if (!b) {
				reportedBroker.add(r);
				problems.push(everSeen.has(r) ? `broker ${r} is not alive (${name})` : `broker ${r} is unknown (${name})`);
			} else if (!b.reachable) {
				reportedBroker.add(r);
				problems.push(`broker ${r} is not reachable (${name})`);
			}
		}
	}
	return problems;
}

/** Per-partition target vs current; `moving` lists partitions whose replicas differ. */
export function planDiff(plan: ReassignmentPlan, topics: TopicInfo[]): Array<{topic: string; partition: number; from: number[]; to: number[]; changes: boolean}> {
	const byKey = new Map<string, number[]>();
	for (const t of topics) for (const p of t.partitions) byKey.set(key(t.name, p.partition), p.replicas);
	return plan.partitions.map((e) => {
		const from = byKey.get(key(e.topic, e.partition)) ?? [];
		return {topic: e.topic, partition: e.partition, from, to: e.replicas, changes: from.join(',') !== e.replicas.join(',')};
	});
}

/**
 * The throttled-replica config values ReassignPartitionsCommand sets per topic while data moves:
 * leader side = every current replica ("p:b"), follower side = the replicas being added.
 */
export function throttledReplicas(plan: ReassignmentPlan, topics: TopicInfo[]): Map<string, {leader: string; follower: string}> {
	const out = new Map<string, {leader: string[]; follower: string[]}>();
	for (const d of planDiff(plan, topics)) {
		if (!d.changes) continue;
		const entry = out.get(d.topic) ?? {leader: [], follower: []};
		for (const r of d.from) entry.leader.push(`${d.partition}:${r}`);
		for (const r of d.to) if (!d.from.includes(r)) entry.follower.push(`${d.partition}:${r}`);
		out.set(d.topic, entry);
	}
	return new Map([...out.entries()].map(([t, v]) => [t, {leader: v.leader.join(','), follower: v.follower.join(',')}]));
}

/** "10MB/s", "512KB/s", "1000000" (bytes/s) → bytes per second. */
export function parseRate(text: string): number {
	const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*(?:\/s)?\s*$/i.exec(text);
	if (!m) throw new Error(`'${text}' is not a rate like 10MB/s`);
	const unit = (m[2] ?? 'b').toLowerCase();
	const factor: Record<string, number> = {b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3};
	const value = Math.floor(Number(m[1]) * factor[unit]!);
	if (value <= 0) throw new Error(`the rate must be positive, not '${text}'`);
	// a throttle is a long in Kafka's config; above 2^53 a double no longer holds it exactly
	if (value > RATE_RANGE.max) throw new Error(`the rate must be at most ${RATE_RANGE.max} B/s, not '${text}'`);
	return value;
}
