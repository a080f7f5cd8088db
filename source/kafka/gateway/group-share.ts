// Share groups (KIP-932) at their coordinator: ShareGroupDescribe v1 for state and members, and
// DescribeShareGroupOffsets (v1 tells the lag the broker computes, v0 only the start offset) for
// the rows kafka-share-groups.sh --describe prints. Offset rows are sorted by topic and partition,
// as the tool sorts them; a partition whose start offset is negative has none yet (its cells are
// `-`), one with an error code is left out, as the admin client leaves it out.
import {groupStateName, type GroupInfo, type GroupOffset} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import {describeError, type Link} from '../connection/node.js';
import {shareGroupDescribeRequest, type ShareGroupDescribed} from '../codec/share-group-describe.js';
import {describeShareGroupOffsetsRequest, type ShareGroupOffsets} from '../codec/describe-share-group-offsets.js';
import {ApiKey} from '../codec/request.js';

const GROUP_ID_NOT_FOUND = 69;

/** True when `node` can describe share groups (ShareGroupDescribe v1: Kafka ≥ 4.1). */
export function describesShareGroups(node: Link): boolean {
	return node.supports(ApiKey.ShareGroupDescribe, 1);
}

/** Fills state, members and offsets of the share groups `groupIds`, all coordinated by `node`. */
export async function describeShareGroups(node: Link, groupIds: string[], infos: Map<string, GroupInfo>): Promise<void> {
	if (groupIds.length === 0) return;
	const group = (id: string) => infos.get(id)!;
	for (const id of groupIds) group(id).groupType = 'share';
	if (!describesShareGroups(node)) {
		for (const id of groupIds) group(id).error = 'share groups need Kafka ≥ 4.1 (the coordinator does not speak ShareGroupDescribe v1)';
		return;
	}
	const offsetsVersion = node.pick(ApiKey.DescribeShareGroupOffsets, 0, 1);
	const [described, offsets] = await Promise.all([
		node.send(shareGroupDescribeRequest(1, groupIds)).then(
			(v) => ({ok: true as const, v}),
			(e: unknown) => ({ok: false as const, e}),
		),
		(offsetsVersion === undefined
			? Promise.reject(new Error('the coordinator does not speak DescribeShareGroupOffsets'))
			: node.send(describeShareGroupOffsetsRequest(offsetsVersion, groupIds))
		).then(
			(v) => ({ok: true as const, v}),
			(e: unknown) => ({ok: false as const, e}),
		),
	]);
	if (described.ok) {
		for (const d of described.v) if (infos.has(d.groupId)) applyShare(group(d.groupId), d);
	} else {
		for (const id of groupIds) group(id).error = `ShareGroupDescribe failed: ${describeError(described.e)}`;
	}
	if (!offsets.ok) {
		for (const id of groupIds) group(id).error ??= `DescribeShareGroupOffsets failed: ${describeError(offsets.e)}`;
		return;
	}
	for (const o of offsets.v) {
		const g = infos.get(o.groupId);
		if (!g || g.state === 'Dead') continue;
		if (o.errorCode !== 0) {
			g.error ??= `offsets: ${o.errorMessage ? `${errorName(o.errorCode)}: ${o.errorMessage}` : errorName(o.errorCode)}`;
			continue;
		}
		g.offsets = shareOffsetRows(o);
	}
}

export function applyShare(g: GroupInfo, d: ShareGroupDescribed): void {
	g.groupType = 'share';
	if (d.errorCode === GROUP_ID_NOT_FOUND) {
		g.state = 'Dead';
		return;
	}
	if (d.errorCode !== 0) {
		g.error = d.errorMessage ? `${errorName(d.errorCode)}: ${d.errorMessage}` : errorName(d.errorCode);
		return;
	}
	g.state = groupStateName(d.state);
	g.protocolType = 'share';
	g.assignmentStrategy = d.assignorName;
	g.members = d.members.map((m) => ({
		memberId: m.memberId,
		clientId: m.clientId,
		host: m.clientHost,
		assignments: m.assignment.map((a) => ({topic: a.topic, partitions: a.partitions})),
	}));
}

/** One row per partition the group has a share-partition for; `committed` is its start offset and
 *  `lag` what the broker reported (null when unknown); logEnd comes later with the other groups'. */
export function shareOffsetRows(o: ShareGroupOffsets): GroupOffset[] {
	const rows: GroupOffset[] = [];
	for (const t of o.topics) {
		for (const p of t.partitions) {
			if (p.errorCode !== 0) continue;
			const known = p.startOffset >= 0n;
			rows.push({
				topic: t.topic,
				partition: p.partition,
				committed: known ? p.startOffset : null,
				logEnd: null,
				lag: known && p.lag >= 0n ? p.lag : null,
				consumerId: null,
				host: null,
				clientId: null,
			});
		}
	}
	rows.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
	return rows;
}
