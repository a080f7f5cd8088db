// The gateway on kafkajs's connections (Broker + ConnectionPool: TLS, SASL, ApiVersions), sending
// its own requests (wire/) so that a degraded cluster still describes:
//   1 Metadata (first bootstrap broker that connects), then every listed broker is connected to in
//   parallel (reachable = an actual connection + ApiVersions succeeded, error text kept);
//   ListOffsets latest (READ_UNCOMMITTED = high watermark) and earliest, one request per leader;
//   DescribeConfigs, ListPartitionReassignments: one request each;
//   groups: ListGroups on every reachable broker in parallel, one FindCoordinator v4 for all groups,
//   then per coordinator one DescribeGroups and one OffsetFetch v8 for all its groups.
// Request count grows with brokers, never with partitions or groups.
import type {
	BrokerInfo,
	ClusterSnapshot,
	GroupInfo,
	GroupMember,
	GroupOffset,
	PartitionInfo,
	TopicInfo,
} from '../domain/cluster.js';
import type {Settings} from '../config/settings.js';
import {UnreachableError} from '../errors.js';
import {createBroker, errorName, tlsOptions, type KjsBroker} from './client.js';
import type {GatewayOptions, KafkaGateway, SnapshotOptions} from './gateway.js';
import {describeTopicConfigsRequest} from './wire/describe-configs.js';
import {describeTopicPartitionsRequest} from './wire/describe-topic-partitions.js';
import {findCoordinatorsRequest, offsetFetchRequest, type GroupOffsets} from './wire/group-offsets.js';
import {decodeConsumerAssignment, describeGroupsRequest, listGroupsRequest, type DescribedGroup} from './wire/groups.js';
import {listOffsetsRequest} from './wire/list-offsets.js';
import {listReassignmentsRequest} from './wire/list-reassignments.js';
import {metadataRequest, type MetadataResponse} from './wire/metadata.js';
import {ApiKey, type WireRequest} from './wire/request.js';

/** One broker address and kafkajs's connection objects for it, kept across snapshots. */
class Node {
	private connecting: Promise<void> | null = null;
	error: string | undefined;
	/** requests sent since creation (for the benchmark's request count) */
	sent = 0;

	constructor(
		readonly address: string,
		readonly broker: KjsBroker,
	) {}

	/** Connects (ApiVersions + SASL) unless connected; remembers the failure text. */
	connect(): Promise<void> {
		if (this.broker.isConnected()) return Promise.resolve();
		if (!this.connecting) {
			this.connecting = this.broker
				.connect()
				.then(() => {
					this.error = undefined;
				})
				.catch((error: unknown) => {
					this.error = describeError(error);
					throw new Error(this.error);
				})
				.finally(() => {
					this.connecting = null;
				});
		}
		return this.connecting;
	}

	maxVersion(apiKey: number): number | undefined {
		const v = this.broker.versions?.[apiKey];
		return v ? v.maxVersion : undefined;
	}

	supports(apiKey: number, version: number): boolean {
		const v = this.broker.versions?.[apiKey];
		return v !== undefined && v.minVersion <= version && v.maxVersion >= version;
	}

	/** The best version in [min, max] both sides speak, or undefined. */
	pick(apiKey: number, min: number, max: number): number | undefined {
		const v = this.broker.versions?.[apiKey];
		if (!v) return undefined;
		const best = Math.min(max, v.maxVersion);
		return best >= Math.max(min, v.minVersion) ? best : undefined;
	}

	async send<T>(request: WireRequest<T>): Promise<T> {
		await this.connect();
		this.sent++;
		return this.broker.connectionPool.send<T>(request);
	}
}

function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/^Connection error: /, '');
}

const LATEST = -1n;
const EARLIEST = -2n;

interface TopicPlan {
	leaders: Map<string, Map<number, number | null>>;
}

export class KafkajsGateway implements KafkaGateway {
	private readonly nodes = new Map<string, Node>();
	/** last known address of every broker id seen in metadata (to name a broker after it is fenced) */
	private readonly seen = new Map<number, {host: string; port: number; rack: string | null}>();
	private readonly ssl: Record<string, unknown> | undefined;
	private closed = false;

	constructor(
		readonly settings: Settings,
		readonly options: GatewayOptions,
	) {
		this.ssl = tlsOptions(settings);
	}

	/** Requests sent so far over every connection (ApiVersions/SASL excluded). */
	requestCount(): number {
		let n = 0;
		for (const node of this.nodes.values()) n += node.sent;
		return n;
	}

	private node(host: string, port: number): Node {
		const address = `${host}:${port}`;
		let node = this.nodes.get(address);
		if (!node) {
			node = new Node(address, createBroker(host, port, this.settings, this.options, this.ssl));
			this.nodes.set(address, node);
		}
		return node;
	}

	private bootstrapNode(address: string): Node {
		const i = address.lastIndexOf(':');
		return this.node(address.slice(0, i).replace(/^\[|\]$/g, ''), Number(address.slice(i + 1)));
	}

	async close(): Promise<void> {
		this.closed = true;
		await Promise.allSettled([...this.nodes.values()].map((n) => n.broker.disconnect()));
		this.nodes.clear();
	}

	async snapshot(options: SnapshotOptions = {}): Promise<ClusterSnapshot> {
		if (this.closed) throw new Error('the gateway is closed');
		const warnings: string[] = [];
		const {metadata, via} = await this.metadata(options.topics ?? null);

		// brokers: connect to each one listed, in parallel; reachable means it answered
		const byId = new Map<number, Node>();
		const brokers: BrokerInfo[] = await Promise.all(
			[...metadata.brokers]
				.sort((a, b) => a.nodeId - b.nodeId)
				.map(async (b) => {
					const node = this.node(b.host, b.port);
					byId.set(b.nodeId, node);
					const info: BrokerInfo = {id: b.nodeId, host: b.host, port: b.port, rack: b.rack, reachable: true};
					try {
						await node.connect();
					} catch {
						info.reachable = false;
						info.error = node.error ?? 'unreachable';
					}
					return info;
				}),
		);
		// brokers the replica lists name but the metadata does not (fenced or stopped): shown, not live
		const listed = new Set(brokers.map((b) => b.id));
		const missing = new Set<number>();
		for (const t of metadata.topics) for (const p of t.partitions) for (const r of p.replicas) if (!listed.has(r)) missing.add(r);
		for (const id of [...missing].sort((a, b) => a - b)) {
			const known = this.seen.get(id);
			brokers.push({
				id,
				host: known?.host ?? '',
				port: known?.port ?? 0,
				rack: known?.rack ?? null,
				reachable: false,
				error: 'not in the cluster metadata (fenced or shut down)',
				registered: false,
			});
		}
		brokers.sort((a, b) => a.id - b.id);
		for (const b of metadata.brokers) this.seen.set(b.nodeId, {host: b.host, port: b.port, rack: b.rack});
		const reachable = new Set(brokers.filter((b) => b.reachable).map((b) => b.id));
		for (const b of brokers) {
			if (!b.reachable) {
				warnings.push(
					b.registered === false
						? `broker ${b.id} holds replicas but is ${b.error}`
						: `broker ${b.id} (${b.host}:${b.port}) is unreachable: ${b.error}`,
				);
			}
		}
		const anyNode = (): Node => {
			for (const id of reachable) return byId.get(id)!;
			return via;
		};

		const topics: TopicInfo[] = [];
		const leaders = new Map<string, Map<number, number | null>>();
		for (const t of metadata.topics) {
			if (t.name === null) continue;
			if (t.errorCode !== 0) {
				warnings.push(`topic '${t.name}': ${errorName(t.errorCode)}`);
				continue;
			}
			const partitions: PartitionInfo[] = t.partitions
				.map((p) => {
					const info: PartitionInfo = {
						partition: p.partition,
						leader: p.leader >= 0 ? p.leader : null,
						replicas: p.replicas,
						isr: p.isr,
						offlineReplicas: p.offlineReplicas,
						addingReplicas: [],
						removingReplicas: [],
						earliestOffset: null,
						latestOffset: null,
					};
					if (p.errorCode !== 0) info.error = errorName(p.errorCode);
					return info;
				})
				.sort((a, b) => a.partition - b.partition);
			const topic: TopicInfo = {name: t.name, internal: t.internal, partitions};
			if (t.topicId) topic.topicId = t.topicId;
			topics.push(topic);
			leaders.set(t.name, new Map(partitions.map((p) => [p.partition, p.leader])));
		}
		topics.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		const plan: TopicPlan = {leaders};
		const topicByName = new Map(topics.map((t) => [t.name, t]));

		const offsetTopics =
			options.offsets === false
				? []
				: typeof options.offsets === 'object'
					? options.offsets.topics.filter((t) => topicByName.has(t))
					: topics.map((t) => t.name);
		const configTopics =
			options.configs === true
				? topics.map((t) => t.name)
				: typeof options.configs === 'object'
					? options.configs.topics.filter((t) => topicByName.has(t))
					: [];

		const tasks: Promise<unknown>[] = [];
		// topic offsets
		const latest = new Map<string, bigint | null>();
		const offsetsDone = this.listOffsets(plan, offsetTopics, byId, reachable, warnings).then(
			({earliest, latest: l}) => {
				for (const [key, v] of l) latest.set(key, v);
				for (const name of offsetTopics) {
					for (const p of topicByName.get(name)!.partitions) {
						p.earliestOffset = earliest.get(`${name}\u0000${p.partition}`) ?? null;
						p.latestOffset = l.get(`${name}\u0000${p.partition}`) ?? null;
					}
				}
			},
		);
		tasks.push(offsetsDone);
		if (configTopics.length > 0) tasks.push(this.configs(anyNode(), configTopics, topicByName, warnings));
		if (options.reassignments !== false && topics.length > 0) {
			tasks.push(this.reassignments(anyNode(), topicByName, warnings));
		}
		if (options.elr) tasks.push(this.elr(anyNode(), topics, warnings));

		let groups: GroupInfo[] = [];
		if (options.groups !== false) {
			tasks.push(
				this.groups(options.groups === true || options.groups === undefined ? null : options.groups, byId, reachable, brokers, warnings)
					.then(async (described) => {
						await offsetsDone;
						// log-end offsets of group partitions not fetched with the topics
						const missing = new Map<string, Set<number>>();
						for (const g of described) {
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
								const extra = await this.metadataFrom(anyNode(), unknown).catch(() => null);
								for (const t of extra?.topics ?? []) {
									if (t.name && t.errorCode === 0) {
										plan.leaders.set(t.name, new Map(t.partitions.map((p) => [p.partition, p.leader >= 0 ? p.leader : null])));
									}
								}
							}
							const more = await this.listOffsets(plan, [...missing.keys()], byId, reachable, warnings, false, missing);
							for (const [key, v] of more.latest) latest.set(key, v);
						}
						for (const g of described) {
							let total = 0n;
							for (const o of g.offsets) {
								o.logEnd = latest.get(`${o.topic}\u0000${o.partition}`) ?? null;
								o.lag = o.committed !== null && o.logEnd !== null ? o.logEnd - o.committed : null;
								if (o.lag !== null) total += o.lag;
							}
							g.totalLag = total;
						}
						groups = described;
					}),
			);
		}
		await Promise.all(tasks);

		return {
			takenAt: Date.now(),
			clusterId: metadata.clusterId,
			// Under KRaft, Metadata's controller_id is a random broker, not the active controller.
			controller: null,
			brokers,
			topics,
			groups,
			warnings,
		};
	}

	// --- metadata ------------------------------------------------------------------------

	private async metadataFrom(node: Node, topics: string[] | null): Promise<MetadataResponse> {
		const version = node.pick(ApiKey.Metadata, 9, 12);
		if (version === undefined) {
			throw new Error(`broker ${node.address} speaks no Metadata version kcon implements (needs Kafka ≥ 2.4)`);
		}
		return node.send(metadataRequest(version, topics));
	}

	/** The first bootstrap broker that connects answers Metadata; UnreachableError when none does. */
	private async metadata(topics: string[] | null): Promise<{metadata: MetadataResponse; via: Node}> {
		const candidates = [...new Set(this.settings.brokers.map((a) => this.bootstrapNode(a)))];
		const errors: string[] = [];
		const attempts = candidates.map((node) =>
			node.connect().then(
				() => node,
				(error: unknown) => {
					errors.push(`${node.address}: ${describeError(error)}`);
					throw error;
				},
			),
		);
		const order: Node[] = [];
		try {
			order.push(await Promise.any(attempts));
		} catch {
			// none connected
		}
		if (order.length > 0) {
			try {
				return {metadata: await this.metadataFrom(order[0]!, topics), via: order[0]!};
			} catch (error) {
				errors.push(`${order[0]!.address}: ${describeError(error)}`);
			}
			// the first one failed Metadata: the others that connect, in turn
			const settled = await Promise.allSettled(attempts);
			for (const s of settled) {
				if (s.status !== 'fulfilled' || s.value === order[0]) continue;
				try {
					return {metadata: await this.metadataFrom(s.value, topics), via: s.value};
				} catch (error) {
					errors.push(`${s.value.address}: ${describeError(error)}`);
				}
			}
		}
		const detail = errors.length > 0 ? `: ${[...new Set(errors)].join('; ')}` : '';
		throw new UnreachableError(`no broker reachable (tried ${this.settings.brokers.join(', ')})${detail}`);
	}

	// --- offsets -------------------------------------------------------------------------

	private async listOffsets(
		plan: TopicPlan,
		topics: string[],
		byId: Map<number, Node>,
		reachable: Set<number>,
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
				if (leader === null || !reachable.has(leader) || !byId.has(leader)) {
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
				const node = byId.get(leader)!;
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

	// --- configs, reassignments, ELR -----------------------------------------------------

	private async configs(node: Node, topics: string[], byName: Map<string, TopicInfo>, warnings: string[]) {
		const version = node.pick(ApiKey.DescribeConfigs, 1, 3);
		if (version === undefined) {
			warnings.push('the cluster speaks no DescribeConfigs version kcon implements; topic configs unknown');
			return;
		}
		try {
			const resources = await node.send(describeTopicConfigsRequest(version, topics));
			for (const r of resources) {
				const topic = byName.get(r.name);
				if (!topic) continue;
				if (r.errorCode !== 0) {
					warnings.push(`configs of topic '${r.name}': ${errorName(r.errorCode)}`);
					continue;
				}
				const configs: Record<string, string> = {};
				for (const e of r.entries) {
					if (e.name === 'min.insync.replicas' && e.value !== null) topic.minInsyncReplicas = Number(e.value);
					if (e.source !== 5) configs[e.name] = e.sensitive ? '' : (e.value ?? '');
				}
				topic.configs = configs;
			}
		} catch (error) {
			warnings.push(`DescribeConfigs failed: ${describeError(error)}`);
		}
	}

	private async reassignments(node: Node, byName: Map<string, TopicInfo>, warnings: string[]) {
		if (!node.supports(ApiKey.ListPartitionReassignments, 0)) return;
		try {
			const result = await node.send(listReassignmentsRequest());
			if (result.errorCode !== 0) {
				warnings.push(`ListPartitionReassignments: ${errorName(result.errorCode)}`);
				return;
			}
			for (const r of result.reassignments) {
				const p = byName.get(r.topic)?.partitions.find((x) => x.partition === r.partition);
				if (!p) continue;
				p.addingReplicas = r.addingReplicas;
				p.removingReplicas = r.removingReplicas;
			}
		} catch (error) {
			warnings.push(`ListPartitionReassignments failed: ${describeError(error)}`);
		}
	}

	private async elr(node: Node, topics: TopicInfo[], warnings: string[]) {
		if (!node.supports(ApiKey.DescribeTopicPartitions, 0) || topics.length === 0) return;
		const byName = new Map(topics.map((t) => [t.name, t]));
		let cursor: {topic: string; partition: number} | null = null as {topic: string; partition: number} | null;
		try {
			for (let round = 0; round < 1000; round++) {
				const names: string[] = cursor ? topics.map((t) => t.name).filter((n) => n >= cursor!.topic) : topics.map((t) => t.name);
				const result = await node.send(describeTopicPartitionsRequest(names, 2000, cursor));
				for (const t of result.topics) {
					const topic = byName.get(t.topic);
					if (!topic) continue;
					for (const e of t.partitions) {
						const p = topic.partitions.find((x) => x.partition === e.partition);
						if (!p) continue;
						if (e.elr) p.elr = e.elr;
						if (e.lastKnownElr) p.lastKnownElr = e.lastKnownElr;
					}
				}
				if (!result.next) break;
				cursor = result.next;
			}
		} catch (error) {
			warnings.push(`DescribeTopicPartitions failed: ${describeError(error)}`);
		}
	}

	// --- groups --------------------------------------------------------------------------

	private async groups(
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
}

/**
 * Rows as kafka-consumer-groups.sh --describe builds them: members with an assignment (largest
 * first), each partition of theirs sorted by topic and partition; then committed partitions no
 * member owns, without consumer. logEnd/lag are filled in later.
 */
function offsetRows(members: GroupMember[], fetched: GroupOffsets | undefined): GroupOffset[] {
	const committed = new Map<string, bigint>();
	for (const o of fetched?.offsets ?? []) {
		if (o.errorCode === 0 && o.offset >= 0n) committed.set(`${o.topic}\u0000${o.partition}`, o.offset);
	}
	const rows: GroupOffset[] = [];
	const assigned = new Set<string>();
	const size = (m: GroupMember) => m.assignments.reduce((n, a) => n + a.partitions.length, 0);
	const withAssignment = members.filter((m) => size(m) > 0);
	const order = withAssignment.map((m, i) => ({m, i})).sort((a, b) => size(b.m) - size(a.m) || a.i - b.i);
	for (const {m} of order) {
		const parts: {topic: string; partition: number}[] = [];
		for (const a of m.assignments) for (const p of a.partitions) parts.push({topic: a.topic, partition: p});
		parts.sort(byTopicPartition);
		for (const p of parts) {
			const key = `${p.topic}\u0000${p.partition}`;
			assigned.add(key);
			rows.push({
				topic: p.topic,
				partition: p.partition,
				committed: committed.get(key) ?? null,
				logEnd: null,
				lag: null,
				consumerId: m.memberId,
				host: m.host,
				clientId: m.clientId,
			});
		}
	}
	const rest: GroupOffset[] = [];
	for (const o of fetched?.offsets ?? []) {
		const key = `${o.topic}\u0000${o.partition}`;
		if (assigned.has(key) || !committed.has(key)) continue;
		rest.push({
			topic: o.topic,
			partition: o.partition,
			committed: committed.get(key)!,
			logEnd: null,
			lag: null,
			consumerId: null,
			host: null,
			clientId: null,
		});
	}
	rest.sort(byTopicPartition);
	return rows.concat(rest);
}

function byTopicPartition(a: {topic: string; partition: number}, b: {topic: string; partition: number}): number {
	return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}
