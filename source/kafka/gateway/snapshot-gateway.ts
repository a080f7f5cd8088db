// The gateway on kcon's broker connections (connection/node.ts: kafkajs's Broker + ConnectionPool
// for TLS, SASL, ApiVersions), sending its own requests (codec/) so that a degraded cluster still
// describes:
//   1 Metadata (first bootstrap broker that connects), then every listed broker is connected to in
//   parallel (reachable = an actual connection + ApiVersions succeeded, error text kept);
//   ListOffsets latest (READ_UNCOMMITTED = high watermark) and earliest, one request per leader;
//   DescribeConfigs, ListPartitionReassignments, DescribeTopicPartitions, DescribeQuorum, and
//   ApiVersions v3+ for the feature levels: one request each, when asked for;
//   groups: ListGroups on every reachable broker in parallel, one FindCoordinator v4 for all groups,
//   then per coordinator one DescribeGroups (classic groups), one ConsumerGroupDescribe (KIP-848
//   groups, when the coordinator speaks it) and one OffsetFetch v8 for all its groups.
// Request count grows with brokers, never with partitions or groups.
import type {ClusterSnapshot, GroupInfo} from '../../domain/cluster.js';
import type {Settings} from '../../config/settings.js';
import {createBroker, tlsOptions} from '../connection/client-config.js';
import type {GatewayOptions, KafkaGateway, SnapshotOptions} from './types.js';
import {bootstrapMetadata, fencedBrokers, reachBrokers, type KnownBroker} from './brokers.js';
import {fetchGroups} from './groups.js';
import {Node, type Link} from '../connection/node.js';
import {fillGroupLag, listOffsets, type TopicPlan} from './offsets.js';
import {readFeatures, readQuorum} from './quorum.js';
import type {FeaturesRead, QuorumRead} from '../../domain/quorum.js';
import {fillConfigs, fillElr, fillReassignments, topicRows} from './topics.js';

export class SnapshotGateway implements KafkaGateway {
	private readonly nodes = new Map<string, Node>();
	/** last known address of every broker id seen in metadata (to name a broker after it is fenced) */
	private readonly seen = new Map<number, KnownBroker>();
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
		await Promise.allSettled([...this.nodes.values()].map((n) => n.close()));
		this.nodes.clear();
	}

	async snapshot(options: SnapshotOptions = {}): Promise<ClusterSnapshot> {
		if (this.closed) throw new Error('the gateway is closed');
		const warnings: string[] = [];
		const candidates = [...new Set(this.settings.brokers.map((a) => this.bootstrapNode(a)))];
		const {metadata, via} = await bootstrapMetadata(candidates, this.settings.brokers, options.topics ?? null);

		// asked while the brokers are being connected to, not before: one round trip less per refresh
		const fenced = fencedBrokers(via);
		const {brokers, links} = await reachBrokers(metadata, (host, port) => this.node(host, port), this.seen, warnings, fenced);
		const anyLink = (): Link => {
			for (const link of links.values()) return link;
			return via;
		};

		const {topics, leaders} = topicRows(metadata, warnings);
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
		const offsetsDone = listOffsets(plan, offsetTopics, links, warnings).then(
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
		if (configTopics.length > 0) tasks.push(fillConfigs(anyLink(), configTopics, topicByName, warnings));
		if (options.reassignments !== false && topics.length > 0) {
			tasks.push(fillReassignments(anyLink(), topicByName, warnings));
		}
		if (options.elr) tasks.push(fillElr(links.size > 0 ? [...links.values()] : [via], topics, warnings));
		let quorum: QuorumRead | undefined;
		if (options.quorum) tasks.push(readQuorum(anyLink()).then((q) => void (quorum = q)));
		let features: FeaturesRead | undefined;
		if (options.features) tasks.push(readFeatures(via).then((f) => void (features = f)));

		let groups: GroupInfo[] = [];
		if (options.groups !== false) {
			tasks.push(
				fetchGroups(options.groups === true || options.groups === undefined ? null : options.groups, links, brokers, warnings)
					.then(async (described) => {
						await offsetsDone;
						await fillGroupLag(described, latest, plan, anyLink, links, warnings);
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
			...(quorum ? {quorum} : {}),
			...(features ? {features} : {}),
		};
	}
}
