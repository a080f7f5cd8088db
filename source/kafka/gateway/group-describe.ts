// The groups one coordinator owns, described in parallel with one OffsetFetch v8 for all of them:
// classic groups with DescribeGroups, KIP-848 consumer groups (ListGroups v5 type `consumer`) with
// ConsumerGroupDescribe. A group whose type is unknown (named on the command line, or listed by a
// broker older than ListGroups v5) is described as classic first; DescribeGroups answers Dead for a
// consumer group, so a Dead one is then asked again with ConsumerGroupDescribe. That API is only
// sent to a coordinator whose ApiVersions lists it (Kafka ≥ 3.7); classic groups cost what they did.
import type {GroupInfo} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import {describeError, type Link} from '../connection/node.js';
import {offsetRows} from './group-offset-rows.js';
import {applyClassic, applyConsumer} from './group-members.js';
import {offsetFetchRequest, type GroupOffsets} from '../codec/offset-fetch.js';
import {consumerGroupDescribeRequest, type ConsumerGroupDescribed} from '../codec/consumer-group-describe.js';
import {describeGroupsRequest, type DescribedGroup} from '../codec/describe-groups.js';
import {ApiKey} from '../codec/request.js';

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
	const consumerIds = cgdVersion === undefined ? [] : groupIds.filter((id) => listedType.get(id) === 'consumer');
	const classicIds = groupIds.filter((id) => !consumerIds.includes(id));
	const describeConsumer = (ids: string[]): Promise<ConsumerGroupDescribed[]> =>
		ids.length === 0 ? Promise.resolve([]) : node.send(consumerGroupDescribeRequest(cgdVersion!, ids));
	const dgVersion = node.pick(ApiKey.DescribeGroups, 0, 4);

	const [classic, consumer, fetched] = await Promise.all([
		settle(
			classicIds.length === 0
				? Promise.resolve<DescribedGroup[]>([])
				: dgVersion === undefined
					? Promise.reject(new Error('no DescribeGroups version in common'))
					: node.send(describeGroupsRequest(dgVersion, classicIds)),
		),
		settle(describeConsumer(consumerIds)),
		settle(
			node.supports(ApiKey.OffsetFetch, 8)
				? node.send(offsetFetchRequest(groupIds))
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

	if (!fetched.ok) {
		for (const id of groupIds) group(id).error = `OffsetFetch failed: ${describeError(fetched.e)}`;
	}
	const committedBy = new Map<string, GroupOffsets>((fetched.ok ? fetched.v : []).map((g) => [g.groupId, g]));
	for (const id of groupIds) {
		const g = group(id);
		const offsets = committedBy.get(id);
		if (offsets && offsets.errorCode !== 0 && !g.error) g.error = `offsets: ${errorName(offsets.errorCode)}`;
		g.offsets = offsetRows(g.members, offsets);
	}
}
