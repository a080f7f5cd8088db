// Consumer groups in a snapshot: ListGroups on every reachable broker in parallel (unless the ids
// are given), one FindCoordinator v4 for all groups, then per coordinator one DescribeGroups and one
// OffsetFetch v8 for all its groups. A group's failure is its error field, never an exception.
import type {BrokerInfo, GroupInfo, GroupMember} from '../domain/cluster.js';
import {errorName} from './client.js';
import {describeError, type Node} from './gateway-node.js';
import {offsetRows} from './group-offset-rows.js';
import {findCoordinatorsRequest, offsetFetchRequest, type GroupOffsets} from './wire/group-offsets.js';
import {decodeConsumerAssignment, describeGroupsRequest, type DescribedGroup} from './wire/groups.js';
import {listGroupsRequest} from './wire/list-groups.js';
import {ApiKey} from './wire/request.js';

/** The groups `only` names, or every group the brokers list; sorted by id. */
export async function fetchGroups(
	only: string[] | null,
	byId: Map<number, Node>,
	reachable: Set<number>,
	brokers: BrokerInfo[],
	warnings: string[],
): Promise<GroupInfo[]> {
	let ids: string[];
	const listedType = new Map<string, string>();
	if (only) {
		ids = [...new Set(only)];
	} else {
		const found = new Set<string>();
		await Promise.all(
			brokers.map(async (b) => {
				if (b.registered === false) return;
				if (!reachable.has(b.id)) {
					warnings.push(`broker ${b.id} is unreachable: consumer groups it coordinates are not listed`);
					return;
				}
				const node = byId.get(b.id)!;
				const version = node.pick(ApiKey.ListGroups, 0, 2);
				if (version === undefined) return;
				try {
					const result = await node.send(listGroupsRequest(version));
					if (result.errorCode !== 0) {
						warnings.push(`broker ${b.id} did not list its groups: ${errorName(result.errorCode)}`);
					}
					for (const g of result.groups) {
						found.add(g.groupId);
						listedType.set(g.groupId, g.protocolType);
					}
				} catch (error) {
					warnings.push(`broker ${b.id} did not list its groups: ${describeError(error)}`);
				}
			}),
		);
		ids = [...found];
	}
	ids.sort();
	if (ids.length === 0) return [];

	const infos = new Map<string, GroupInfo>(
		ids.map((id) => [
			id,
			{groupId: id, state: 'Unknown', protocolType: listedType.get(id) ?? '', coordinator: null, members: [], offsets: [], totalLag: 0n},
		]),
	);
	// one FindCoordinator for all of them
	const asker = [...reachable].map((id) => byId.get(id)!).find((n) => n.supports(ApiKey.FindCoordinator, 4));
	if (!asker) {
		for (const g of infos.values()) g.error = 'no reachable broker speaks FindCoordinator v4 (Kafka ≥ 3.0)';
		return [...infos.values()];
	}
	const coordinatorOf = new Map<number, string[]>();
	try {
		const coordinators = await asker.send(findCoordinatorsRequest(ids));
		for (const c of coordinators) {
			const g = infos.get(c.key);
			if (!g) continue;
			if (c.errorCode !== 0) {
				g.error = `coordinator not available: ${errorName(c.errorCode)}`;
				continue;
			}
			g.coordinator = c.nodeId;
			if (!coordinatorOf.has(c.nodeId)) coordinatorOf.set(c.nodeId, []);
			coordinatorOf.get(c.nodeId)!.push(c.key);
		}
	} catch (error) {
		const text = `FindCoordinator failed: ${describeError(error)}`;
		for (const g of infos.values()) g.error = text;
		return [...infos.values()];
	}

	await Promise.all(
		[...coordinatorOf].map(async ([coordinator, groupIds]) => {
			const node = byId.get(coordinator);
			if (!node || !reachable.has(coordinator)) {
				for (const id of groupIds) infos.get(id)!.error = `coordinator ${coordinator} is unreachable`;
				return;
			}
			const dgVersion = node.pick(ApiKey.DescribeGroups, 0, 4);
			const canFetch = node.supports(ApiKey.OffsetFetch, 8);
			const [described, fetched] = await Promise.all([
				dgVersion === undefined
					? Promise.reject(new Error('no DescribeGroups version in common'))
					: node.send(describeGroupsRequest(dgVersion, groupIds)).then(
							(r) => r,
							(e: unknown) => Promise.reject(e),
						),
				canFetch
					? node.send(offsetFetchRequest(groupIds))
					: Promise.reject(new Error('coordinator does not speak OffsetFetch v8 (Kafka ≥ 3.0)')),
			].map((p) => p.then((v) => ({ok: true as const, v}), (e: unknown) => ({ok: false as const, e}))));
			const describedGroups = described!.ok ? (described!.v as DescribedGroup[]) : [];
			const offsetGroups = fetched!.ok ? (fetched!.v as GroupOffsets[]) : [];
			if (!described!.ok) {
				for (const id of groupIds) infos.get(id)!.error = `DescribeGroups failed: ${describeError(described!.e)}`;
			}
			if (!fetched!.ok) {
				for (const id of groupIds) infos.get(id)!.error = `OffsetFetch failed: ${describeError(fetched!.e)}`;
			}
			const committedBy = new Map<string, GroupOffsets>(offsetGroups.map((g) => [g.groupId, g]));
			for (const d of describedGroups) {
				const g = infos.get(d.groupId);
				if (!g) continue;
				if (d.errorCode !== 0) {
					g.error = errorName(d.errorCode);
				} else {
					g.state = d.state || 'Unknown';
					g.protocolType = d.protocolType;
					g.assignmentStrategy = d.protocol;
					const consumer = d.protocolType === 'consumer' || d.protocolType === '';
					g.members = d.members.map(
						(m): GroupMember => {
							const member: GroupMember = {
								memberId: m.memberId,
								clientId: m.clientId,
								host: m.clientHost,
								assignments: consumer ? decodeConsumerAssignment(m.assignment) : [],
							};
							if (m.groupInstanceId) member.groupInstanceId = m.groupInstanceId;
							return member;
						},
					);
				}
			}
			for (const id of groupIds) {
				const g = infos.get(id)!;
				const fetchedOffsets = committedBy.get(id);
				if (fetchedOffsets && fetchedOffsets.errorCode !== 0 && !g.error) {
					g.error = `offsets: ${errorName(fetchedOffsets.errorCode)}`;
				}
				g.offsets = offsetRows(g.members, fetchedOffsets);
			}
		}),
	);
	return [...infos.values()];
}
