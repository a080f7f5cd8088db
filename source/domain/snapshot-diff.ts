// What changed between two snapshots that an operator should notice: a leader that moved, an ISR
// that shrank, a broker that went away, a group that rebalanced, lag that moved. The console
// highlights these values for a moment after a refresh.
// Each change is a typed record (one variant per resource), so the code that finds changes and the
// code that shows them agree through the compiler: a misspelt field or a missing id does not build.
import type {ClusterSnapshot} from './cluster.js';
import {clusterHealth, liveBrokerIds, topicStats} from './health.js';

export type Change =
	| {kind: 'broker'; id: number; field: 'reachable' | 'leaders'}
	| {kind: 'topic'; topic: string; field: 'underReplicated' | 'offline'}
	| {kind: 'partition'; topic: string; partition: number; field: 'leader' | 'isr'}
	| {kind: 'group'; group: string; field: 'state' | 'lag'}
	/** the lag of one partition of a group */
	| {kind: 'group-offset'; group: string; topic: string; partition: number};

// One unambiguous key per change (JSON of a fixed tuple: names may hold any character).
function keyOf(c: Change): string {
	switch (c.kind) {
		case 'broker':
			return JSON.stringify([c.kind, c.id, c.field]);
		case 'topic':
			return JSON.stringify([c.kind, c.topic, c.field]);
		case 'partition':
			return JSON.stringify([c.kind, c.topic, c.partition, c.field]);
		case 'group':
			return JSON.stringify([c.kind, c.group, c.field]);
		case 'group-offset':
			return JSON.stringify([c.kind, c.group, c.topic, c.partition]);
	}
}

/** An immutable set of changes, looked up by value. */
export class ChangeSet {
	static readonly none = new ChangeSet([]);
	readonly changes: readonly Change[];
	private readonly keys: ReadonlySet<string>;

	constructor(changes: Iterable<Change>) {
		const byKey = new Map<string, Change>();
		for (const c of changes) byKey.set(keyOf(c), c);
		this.keys = new Set(byKey.keys());
		this.changes = [...byKey.values()];
	}

	get size(): number {
		return this.keys.size;
	}

	has(change: Change): boolean {
		// most refreshes change nothing, and a table asks once per value shown (100,000 partitions)
		if (this.keys.size === 0) return false;
		return this.keys.has(keyOf(change));
	}

	/** This set and `more`. */
	with(more: Iterable<Change>): ChangeSet {
		return new ChangeSet([...this.changes, ...more]);
	}
}

/** The changes from `prev` to `next` (none for the first snapshot). */
export function diffSnapshots(prev: ClusterSnapshot | null, next: ClusterSnapshot): ChangeSet {
	if (!prev) return ChangeSet.none;
	const out: Change[] = [];
	const oldBrokers = new Map(prev.brokers.map((b) => [b.id, b]));
	for (const b of next.brokers) {
		const o = oldBrokers.get(b.id);
		if (o && o.reachable !== b.reachable) out.push({kind: 'broker', id: b.id, field: 'reachable'});
	}
	const oldLoads = new Map(clusterHealth(prev).brokers.map((b) => [b.id, b.leaders]));
	for (const b of clusterHealth(next).brokers) {
		if (oldLoads.has(b.id) && oldLoads.get(b.id) !== b.leaders) out.push({kind: 'broker', id: b.id, field: 'leaders'});
	}
	const oldTopics = new Map(prev.topics.map((t) => [t.name, t]));
	const liveOld = liveBrokerIds(prev.brokers);
	const liveNew = liveBrokerIds(next.brokers);
	for (const t of next.topics) {
		const o = oldTopics.get(t.name);
		if (!o) continue;
		const so = topicStats(o, liveOld);
		const sn = topicStats(t, liveNew);
		if (so.underReplicated !== sn.underReplicated) out.push({kind: 'topic', topic: t.name, field: 'underReplicated'});
		if (so.offline !== sn.offline) out.push({kind: 'topic', topic: t.name, field: 'offline'});
		const oldParts = new Map(o.partitions.map((p) => [p.partition, p]));
		for (const p of t.partitions) {
			const op = oldParts.get(p.partition);
			if (!op) continue;
			if (op.leader !== p.leader) out.push({kind: 'partition', topic: t.name, partition: p.partition, field: 'leader'});
			if (op.isr.join(',') !== p.isr.join(',')) out.push({kind: 'partition', topic: t.name, partition: p.partition, field: 'isr'});
		}
	}
	const oldGroups = new Map(prev.groups.map((g) => [g.groupId, g]));
	for (const g of next.groups) {
		const o = oldGroups.get(g.groupId);
		if (!o) continue;
		if (o.state !== g.state) out.push({kind: 'group', group: g.groupId, field: 'state'});
		if (o.totalLag !== g.totalLag) out.push({kind: 'group', group: g.groupId, field: 'lag'});
		const oldOffsets = new Map(o.offsets.map((x) => [`${x.topic}:${x.partition}`, x.lag]));
		for (const x of g.offsets) {
			const k = `${x.topic}:${x.partition}`;
			if (oldOffsets.has(k) && oldOffsets.get(k) !== x.lag) out.push({kind: 'group-offset', group: g.groupId, topic: x.topic, partition: x.partition});
		}
	}
	return new ChangeSet(out);
}

/** Brokers that became missing since the last refresh: their reachability changed too. */
export function newlyMissing(before: readonly {id: number}[], after: readonly {id: number}[]): Change[] {
	const was = new Set(before.map((b) => b.id));
	return after.filter((b) => !was.has(b.id)).map((b) => ({kind: 'broker', id: b.id, field: 'reachable'}));
}
