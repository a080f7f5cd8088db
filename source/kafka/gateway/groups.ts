// Consumer groups in a snapshot: ListGroups (v5 also tells each group's type) on every reachable
// broker in parallel (unless the ids are given), one FindCoordinator v4 for all groups, then per
// coordinator the describe requests of group-describe.ts. A group's failure is its error field,
// never an exception.
import {groupStateName, type BrokerInfo, type GroupInfo} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import {describeError, type Link} from '../connection/node.js';
import {describeAtCoordinator} from './group-describe.js';
import {findCoordinatorsRequest} from '../codec/find-coordinator.js';
import {listGroupsRequest, type ListedGroup} from '../codec/list-groups.js';
import {ApiKey} from '../codec/request.js';

/** The groups `only` names, or every group the brokers list; sorted by id. */
export async function fetchGroups(
	only: string[] | null,
	links: Map<number, Link>,
	brokers: BrokerInfo[],
	warnings: string[],
): Promise<GroupInfo[]> {
	let ids: string[];
	const listed = new Map<string, ListedGroup>();
	if (only) {
		ids = [...new Set(only)];
	} else {
		const found = new Set<string>();
		await Promise.all(
			brokers.map(async (b) => {
				if (b.registered === false) return;
				const node = links.get(b.id);
				if (!node) {
					warnings.push(`broker ${b.id} is unreachable: consumer groups it coordinates are not listed`);
					return;
				}
				const version = node.pick(ApiKey.ListGroups, 0, 5);
				if (version === undefined) {
					warnings.push(`broker ${b.id} speaks no ListGroups version kcon implements: consumer groups it coordinates are not listed`);
					return;
				}
				try {
					const result = await node.send(listGroupsRequest(version));
					if (result.errorCode !== 0) {
						warnings.push(`broker ${b.id} did not list its groups: ${errorName(result.errorCode)}`);
					}
					for (const g of result.groups) {
						found.add(g.groupId);
						listed.set(g.groupId, g);
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

	const infos = new Map<string, GroupInfo>(ids.map((id) => [id, initialInfo(id, listed.get(id))]));
	const listedType = new Map<string, string>();
	for (const g of listed.values()) if (g.groupType) listedType.set(g.groupId, g.groupType);
	// one FindCoordinator for all of them
	const asker = [...links.values()].find((n) => n.supports(ApiKey.FindCoordinator, 4));
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
			const node = links.get(coordinator);
			if (!node) {
				for (const id of groupIds) infos.get(id)!.error = `coordinator ${coordinator} is unreachable`;
				return;
			}
			await describeAtCoordinator(node, groupIds, infos, listedType);
		}),
	);
	return [...infos.values()];
}

function initialInfo(groupId: string, listed: ListedGroup | undefined): GroupInfo {
	const info: GroupInfo = {groupId, state: 'Unknown', protocolType: listed?.protocolType ?? '', coordinator: null, members: [], offsets: [], totalLag: 0n};
	if (listed?.groupType) info.groupType = listed.groupType;
	// the listed state stands for a group no describe request answers for (a type kcon does not describe)
	if (listed?.groupState) info.state = groupStateName(listed.groupState);
	return info;
}
