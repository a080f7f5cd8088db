// Offsets in a snapshot: ListOffsets latest (READ_UNCOMMITTED = high watermark) and earliest, one
// request per leader; then the log-end offset and lag of every group partition.
import type {GroupInfo} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import {metadataFrom} from './brokers.js';
import {describeError, type Link} from '../connection/node.js';
import {listOffsetsRequest} from '../codec/list-offsets.js';
import {ApiKey} from '../codec/request.js';
import {groupLag, knownLagSum, partitionLag} from '../../domain/lag.js';

const LATEST = -1n;
const EARLIEST = -2n;

export interface TopicPlan {
	leaders: Map<string, Map<number, number | null>>;
}

/** Latest (and earliest) offsets of the topics' partitions, keyed topic NUL partition; one request per leader. */
export async function listOffsets(
	plan: TopicPlan,
	topics: string[],
	links: Map<number, Link>,
	warnings: string[],
	withEarliest = true,
	only?: Map<string, Set<number>>,
): Promise<{earliest: Map<string, bigint | null>; latest: Map<string, bigint | null>}> {
	const earliest = new Map<string, bigint | null>();
	const latest = new Map<string, bigint | null>();
	const perLeader = new Map<number, Map<string, number[]>>();
	let leaderless = 0;
	for (const topic of topics) {
		const parts = plan.leaders.get(topic);
		if (!parts) continue;
		for (const [partition, leader] of parts) {
			if (only && !only.get(topic)?.has(partition)) continue;
			if (leader === null || !links.has(leader)) {
				leaderless++;
				continue;
			}
			let m = perLeader.get(leader);
			if (!m) perLeader.set(leader, (m = new Map()));
			let list = m.get(topic);
			if (!list) m.set(topic, (list = []));
			list.push(partition);
		}
	}
	if (leaderless > 0 && withEarliest) {
		warnings.push(`offsets of ${leaderless} partition(s) unknown: no reachable leader`);
	}
	const errorCounts = new Map<string, number>();
	await Promise.all(
		[...perLeader].map(async ([leader, partitions]) => {
			const node = links.get(leader)!;
			const version = node.pick(ApiKey.ListOffsets, 2, 5);
			if (version === undefined) {
				warnings.push(`broker ${leader} speaks no ListOffsets version kcon implements`);
				return;
			}
			const ask = async (timestamp: bigint, into: Map<string, bigint | null>) => {
				try {
					const result = await node.send(listOffsetsRequest(version, partitions, timestamp));
					for (const r of result) {
						if (r.errorCode === 0) {
							into.set(`${r.topic}\u0000${r.partition}`, r.offset);
						} else {
							const name = errorName(r.errorCode);
							errorCounts.set(name, (errorCounts.get(name) ?? 0) + 1);
						}
					}
				} catch (error) {
					warnings.push(`ListOffsets on broker ${leader} failed: ${describeError(error)}`);
				}
			};
			await Promise.all([ask(LATEST, latest), withEarliest ? ask(EARLIEST, earliest) : Promise.resolve()]);
		}),
	);
	for (const [name, count] of errorCounts) warnings.push(`ListOffsets: ${count} partition answer(s) with ${name}`);
	return {earliest, latest};
}

/**
 * Log-end offsets and lag of the groups' partitions: from `latest` (topic name NUL partition), and
 * for partitions not fetched with the topics, a ListOffsets of their own.
 */
export async function fillGroupLag(
	groups: GroupInfo[],
	latest: Map<string, bigint | null>,
	plan: TopicPlan,
	anyLink: () => Link,
	links: Map<number, Link>,
	warnings: string[],
): Promise<void> {
	// log-end offsets of group partitions not fetched with the topics
	const missing = new Map<string, Set<number>>();
	for (const g of groups) {
		for (const o of g.offsets) {
			if (!latest.has(`${o.topic}\u0000${o.partition}`)) {
				if (!missing.has(o.topic)) missing.set(o.topic, new Set());
				missing.get(o.topic)!.add(o.partition);
			}
		}
	}
	if (missing.size > 0) {
		const unknown = [...missing.keys()].filter((t) => !plan.leaders.has(t));
		if (unknown.length > 0) {
			const extra = await metadataFrom(anyLink(), unknown).catch(() => null);
			for (const t of extra?.topics ?? []) {
				if (t.name && t.errorCode === 0) {
					plan.leaders.set(t.name, new Map(t.partitions.map((p) => [p.partition, p.leader >= 0 ? p.leader : null])));
				}
			}
		}
		const more = await listOffsets(plan, [...missing.keys()], links, warnings, false, missing);
		for (const [key, v] of more.latest) latest.set(key, v);
	}
	// a streams group's partition without a commit lags by all it holds (StreamsGroupCommand:
	// log end − log start), so those partitions need their earliest offsets too
	const uncommitted = new Map<string, Set<number>>();
	for (const g of groups) {
		if (g.groupType !== 'streams') continue;
		for (const o of g.offsets) {
			if (o.committed !== null) continue;
			if (!uncommitted.has(o.topic)) uncommitted.set(o.topic, new Set());
			uncommitted.get(o.topic)!.add(o.partition);
		}
	}
	const logStart =
		uncommitted.size > 0 ? (await listOffsets(plan, [...uncommitted.keys()], links, warnings, true, uncommitted)).earliest : new Map<string, bigint | null>();
	for (const g of groups) {
		// a share group's lag is the broker's (records not yet acknowledged), not end − start offset
		const share = g.groupType === 'share';
		const streams = g.groupType === 'streams';
		for (const o of g.offsets) {
			const key = `${o.topic}\u0000${o.partition}`;
			o.logEnd = latest.get(key) ?? null;
			if (streams && o.committed === null) {
				o.logStart = logStart.get(key) ?? null;
				o.lag = partitionLag(o.logStart, o.logEnd);
			} else if (!share) {
				o.lag = partitionLag(o.committed, o.logEnd);
			}
		}
		g.totalLag = (share || streams ? knownLagSum(g.offsets) : groupLag(g.offsets)) ?? 0n;
	}
}
