// The groups one coordinator owns, described in parallel with one OffsetFetch v8 for all of them:
// classic groups with DescribeGroups, KIP-848 consumer groups (ListGroups v5 type `consumer`) with
// ConsumerGroupDescribe. A group whose type is unknown (named on the command line, or listed by a
// broker older than ListGroups v5) is described as classic first; DescribeGroups answers Dead for a
// consumer group, so a Dead one is then asked again with ConsumerGroupDescribe. That API is only
// sent to a coordinator whose ApiVersions lists it (Kafka ≥ 3.7); classic groups cost what they did.
// Share groups (type `share`) are described by group-share.ts, streams groups (type `streams`) by
// group-streams.ts (their committed offsets come with this OffsetFetch). A group still Dead to both
// and of no known type is looked up in the coordinator's own ListGroups v5, which names every type,
// so a group of a type kcon does not describe (one newer than kcon) is shown as such, with its
// state, never as a group that does not exist.
import {groupStateName, type GroupInfo} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import {describeError, type Link} from '../connection/node.js';
import {offsetRows} from './group-offset-rows.js';
import {applyClassic, applyConsumer} from './group-members.js';
import {offsetFetchRequest, type GroupOffsets} from '../codec/offset-fetch.js';
import {consumerGroupDescribeRequest, type ConsumerGroupDescribed} from '../codec/consumer-group-describe.js';
import {describeGroupsRequest, type DescribedGroup} from '../codec/describe-groups.js';
import {ApiKey} from '../codec/request.js';
import {listGroupsRequest} from '../codec/list-groups.js';
import {describeShareGroups} from './group-share.js';
import {describeStreamsGroups, streamsOffsetRows} from './group-streams.js';

const DESCRIBED_TYPES = new Set(['classic', 'consumer', 'share', 'streams']);

type Settled<T> = {ok: true; v: T} | {ok: false; e: unknown};

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
	return p.then(
		(v) => ({ok: true as const, v}),
		(e: unknown) => ({ok: false as const, e}),
	);
}

/** Fills members, state and offsets (lag comes later) of `groupIds`, all coordinated by `node`. */
export async function describeAtCoordinator(
	node: Link,
	groupIds: string[],
	infos: Map<string, GroupInfo>,
	listedType: Map<string, string>,
): Promise<void> {
	const group = (id: string) => infos.get(id)!;
	const cgdVersion = node.pick(ApiKey.ConsumerGroupDescribe, 0, 1);
	const shareIds = groupIds.filter((id) => listedType.get(id) === 'share');
	const streamsIds = groupIds.filter((id) => listedType.get(id) === 'streams');
	// listed with a type kcon does not describe: the listing's state stands (groups.ts set it)
	const otherIds = groupIds.filter((id) => listedType.has(id) && !DESCRIBED_TYPES.has(listedType.get(id)!));
	for (const id of otherIds) group(id).error = `kcon does not describe ${listedType.get(id)} groups`;
	const consumerIds = cgdVersion === undefined ? [] : groupIds.filter((id) => listedType.get(id) === 'consumer');
	// sets, not arrays: a coordinator may own thousands of groups of each kind
	const notClassic = new Set([...consumerIds, ...shareIds, ...streamsIds, ...otherIds]);
	const notCommitted = new Set([...shareIds, ...otherIds]);
	const classicIds = groupIds.filter((id) => !notClassic.has(id));
	const committedIds = groupIds.filter((id) => !notCommitted.has(id));
	const describeConsumer = (ids: string[]): Promise<ConsumerGroupDescribed[]> =>
		ids.length === 0 ? Promise.resolve([]) : node.send(consumerGroupDescribeRequest(cgdVersion!, ids));
	const dgVersion = node.pick(ApiKey.DescribeGroups, 0, 4);

	const [classic, consumer, , , fetched] = await Promise.all([
		settle(
			classicIds.length === 0
				? Promise.resolve<DescribedGroup[]>([])
				: dgVersion === undefined
					? Promise.reject(new Error('no DescribeGroups version in common'))
					: node.send(describeGroupsRequest(dgVersion, classicIds)),
		),
		settle(describeConsumer(consumerIds)),
		describeShareGroups(node, shareIds, infos),
		describeStreamsGroups(node, streamsIds, infos),
		settle(
			committedIds.length === 0
				? Promise.resolve<GroupOffsets[]>([])
				: node.supports(ApiKey.OffsetFetch, 8)
				? node.send(offsetFetchRequest(committedIds))
				: Promise.reject(new Error('coordinator does not speak OffsetFetch v8 (Kafka ≥ 3.0)')),
		),
	]);

	if (classic.ok) {
		for (const d of classic.v) if (infos.has(d.groupId)) applyClassic(group(d.groupId), d);
	} else {
		for (const id of classicIds) group(id).error = `DescribeGroups failed: ${describeError(classic.e)}`;
	}
	if (consumer.ok) {
		for (const d of consumer.v) if (infos.has(d.groupId)) applyConsumer(group(d.groupId), d);
	} else {
		for (const id of consumerIds) group(id).error = `ConsumerGroupDescribe failed: ${describeError(consumer.e)}`;
	}
	// Dead to DescribeGroups and of no known type: a KIP-848 group, or no group at all
	const unknownDead = cgdVersion === undefined ? [] : classicIds.filter((id) => !listedType.has(id) && group(id).state === 'Dead' && !group(id).error);
	if (unknownDead.length > 0) {
		const second = await settle(describeConsumer(unknownDead));
		// an error here (GROUP_ID_NOT_FOUND: no such group) leaves DescribeGroups' answer as it was
		for (const d of second.ok ? second.v : []) if (d.errorCode === 0 && infos.has(d.groupId)) applyConsumer(group(d.groupId), d);
	}
	const stillDead = classicIds.filter((id) => !listedType.has(id) && group(id).state === 'Dead' && !group(id).error);
	const otherType = await typesAtCoordinator(node, stillDead, infos);
	const share = otherType.filter((id) => group(id).groupType === 'share');
	const streams = otherType.filter((id) => group(id).groupType === 'streams');
	await Promise.all([describeShareGroups(node, share, infos), describeStreamsGroups(node, streams, infos)]);

	if (!fetched.ok) {
		for (const id of committedIds) group(id).error ??= `OffsetFetch failed: ${describeError(fetched.e)}`;
	}
	const committedBy = new Map<string, GroupOffsets>((fetched.ok ? fetched.v : []).map((g) => [g.groupId, g]));
	for (const id of committedIds) {
		const g = group(id);
		if (g.groupType === 'share') continue;
		const offsets = committedBy.get(id);
		if (offsets && offsets.errorCode !== 0 && !g.error) g.error = `offsets: ${errorName(offsets.errorCode)}`;
		g.offsets = g.groupType === 'streams' ? streamsOffsetRows(g, offsets) : offsetRows(g.members, offsets);
	}
}

/**
 * The type and state `ids` have in the coordinator's ListGroups v5 (Kafka ≥ 4.0); the ids listed
 * with a type other than classic or consumer are returned. A type kcon does not describe keeps the
 * listed state and says so in the group's error, so it is neither dropped nor called missing.
 */
async function typesAtCoordinator(node: Link, ids: string[], infos: Map<string, GroupInfo>): Promise<string[]> {
	if (ids.length === 0 || !node.supports(ApiKey.ListGroups, 5)) return [];
	let listed;
	try {
		listed = await node.send(listGroupsRequest(5));
	} catch {
		return []; // the classic answer (Dead) stands
	}
	const wanted = new Set(ids);
	const found: string[] = [];
	for (const l of listed.groups) {
		if (!wanted.has(l.groupId) || !l.groupType || l.groupType === 'classic' || l.groupType === 'consumer') continue;
		const g = infos.get(l.groupId)!;
		g.groupType = l.groupType;
		g.protocolType = l.protocolType;
		found.push(l.groupId);
		// the listed state stands until a describe of the type answers (or where none can be sent)
		g.state = groupStateName(l.groupState ?? '');
		if (!DESCRIBED_TYPES.has(l.groupType)) g.error = `kcon does not describe ${l.groupType} groups`;
	}
	return found;
}
