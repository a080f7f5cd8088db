// Cluster-changing operations for `kcon broker|reassign|elect` and the console, on kcon's protocol
// extensions. Requests that any broker forwards to the KRaft controller (ElectLeaders,
// Alter/ListPartitionReassignments, topic configs) go to the first broker that answers; broker
// configs and DescribeLogDirs go to the broker concerned.
import type {BrokerInfo} from '../../domain/cluster.js';
import type {Settings} from '../../config/settings.js';
import {UnreachableError, KconError} from '../../errors.js';
import {describeError} from '../connection/node.js';
import {BrokerLink, type LinkOptions} from '../connection/broker-link.js';
import type {WireRequest as Protocol} from '../codec/request.js';
import {electLeaders, PREFERRED, type ElectionResult} from '../codec/elect-leaders.js';
import {describeLogDirs, type LogDirReplica} from '../codec/describe-log-dirs.js';
import {incrementalAlterConfigs, RESOURCE_BROKER, type ConfigResourceChange} from '../codec/incremental-alter-configs.js';
import {describeConfigs, type DescribeConfigsResult, type DescribedConfig} from '../codec/describe-configs.js';
import {alterPartitionReassignments, type ReassignmentTarget} from '../codec/alter-partition-reassignments.js';
import {listPartitionReassignments, type OngoingReassignment} from '../codec/list-partition-reassignments.js';
import {createTopics, type NewTopic, type TopicResult} from '../codec/create-topics.js';
import {deleteTopics} from '../codec/delete-topics.js';
import {createPartitions, type PartitionIncrease} from '../codec/create-partitions.js';
import type {DescribedConfigResource} from '../codec/describe-configs.js';

export type {ElectionResult, LogDirReplica, OngoingReassignment, ReassignmentTarget, ConfigResourceChange, DescribedConfig, DescribedConfigResource, NewTopic, TopicResult, PartitionIncrease};

/** What became of one resource of an IncrementalAlterConfigs: applied, refused, or not known (the request failed after it was sent). */
export interface ConfigOutcome {
	resource: ConfigResourceChange;
	applied: 'yes' | 'no' | 'unknown';
	error: string | null;
}
export {OP_DELETE, OP_SET, RESOURCE_BROKER, RESOURCE_TOPIC} from '../codec/incremental-alter-configs.js';
export {CONFIG_SOURCE_NAMES, SOURCE_DYNAMIC_BROKER_CONFIG, SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG, SOURCE_TOPIC_CONFIG} from '../codec/describe-configs.js';

export interface ActionsOptions {
	/** the brokers of a snapshot (addresses of every broker id); bootstrap addresses are used too */
	brokers?: BrokerInfo[];
	connectionTimeout?: number;
	requestTimeout?: number;
}

export interface PartitionError {
	topic: string;
	partition: number;
	error: string;
	message: string | null;
}

const describe = describeError;

export class ClusterActions {
	private links = new Map<string, BrokerLink>();
	private addresses: Map<number, string>;
	private linkOptions: LinkOptions;

	constructor(
		readonly settings: Settings,
		options: ActionsOptions = {},
	) {
		this.addresses = new Map((options.brokers ?? []).map((b) => [b.id, `${b.host}:${b.port}`]));
		this.linkOptions = {
			clientId: 'kcon-actions',
			readOnly: settings.readOnly,
			...(settings.context === undefined ? {} : {context: settings.context}),
			connectionTimeout: options.connectionTimeout ?? 3000,
			requestTimeout: options.requestTimeout ?? 35000,
			...(settings.sasl ? {sasl: settings.sasl} : {}),
			...(settings.ssl ? {ssl: settings.ssl} : {}),
		};
		this.reachable = (options.brokers ?? []).filter((b) => b.reachable).map((b) => `${b.host}:${b.port}`);
	}

	private reachable: string[];

	private link(address: string): BrokerLink {
		let link = this.links.get(address);
		if (!link) {
			link = new BrokerLink(address, this.linkOptions);
			this.links.set(address, link);
		}
		return link;
	}

	/** Sends to the first broker that answers (reachable snapshot brokers first, then bootstrap). */
	async any<T>(protocol: Protocol<T>): Promise<T> {
		const tried: string[] = [];
		const candidates = [...new Set([...this.reachable, ...this.settings.brokers])];
		let last: unknown;
		for (const address of candidates) {
			try {
				return await this.link(address).send(protocol);
			} catch (error) {
				if (!isConnectionError(error)) throw error;
				tried.push(address);
				last = error;
				this.links.get(address)?.close();
				this.links.delete(address);
			}
		}
		throw new UnreachableError(`no broker reachable for ${protocol.request.apiName} (tried ${tried.join(', ')}): ${describe(last)}`);
	}

	async toBroker<T>(id: number, protocol: Protocol<T>): Promise<T> {
		const address = this.addresses.get(id);
		if (!address) throw new KconError(`broker ${id} is not in the cluster's metadata`);
		try {
			return await this.link(address).send(protocol);
		} catch (error) {
			if (isConnectionError(error)) throw new UnreachableError(`broker ${id} (${address}) is not reachable: ${describe(error)}`);
			throw error;
		}
	}

	/** Preferred leader election; null = every partition. Returns per-partition results (ELECTION_NOT_NEEDED included). */
	async electPreferred(partitions: Array<{topic: string; partitions: number[]}> | null): Promise<ElectionResult[]> {
		const result = await this.any(electLeaders({electionType: PREFERRED, topicPartitions: partitions, timeoutMs: 30000}));
		if (result.errorCode) throw new KconError(`ElectLeaders failed: ${result.results[0]?.error ?? `error ${result.errorCode}`}`);
		return result.results;
	}

	async listReassignments(): Promise<OngoingReassignment[]> {
		const result = await this.any(listPartitionReassignments(null));
		if (result.errorCode) throw new KconError(`ListPartitionReassignments failed: ${result.error}${result.errorMessage ? ` (${result.errorMessage})` : ''}`);
		return result.reassignments;
	}

	/** Starts (replicas) or cancels (null) reassignments; resolves to the per-partition errors. */
	async alterReassignments(targets: ReassignmentTarget[]): Promise<PartitionError[]> {
		if (targets.length === 0) return [];
		const result = await this.any(alterPartitionReassignments(targets, 30000));
		if (result.errorCode) throw new KconError(`AlterPartitionReassignments failed: ${result.error}${result.errorMessage ? ` (${result.errorMessage})` : ''}`);
		return result.partitions
			.filter((p) => p.errorCode !== 0)
			.map((p) => ({topic: p.topic, partition: p.partition, error: p.error!, message: p.errorMessage}));
	}

	/** IncrementalAlterConfigs: broker resources go to their broker, topic resources to any; throws on any error. */
	async alterConfigs(resources: ConfigResourceChange[]): Promise<void> {
		if (resources.length === 0) return;
		const problems: string[] = [];
		const collect = (r: {name: string; type: number; error: string | null; errorMessage: string | null}) => {
			if (r.error) problems.push(`${r.type === RESOURCE_BROKER ? 'broker' : 'topic'} ${r.name}: ${r.error}${r.errorMessage ? ` (${r.errorMessage})` : ''}`);
		};
		const topics = resources.filter((r) => r.type !== RESOURCE_BROKER);
		if (topics.length) (await this.any(incrementalAlterConfigs(topics))).resources.forEach(collect);
		for (const r of resources.filter((x) => x.type === RESOURCE_BROKER)) {
			const id = Number(r.name);
			const send = this.addresses.has(id) ? this.toBroker(id, incrementalAlterConfigs([r])) : this.any(incrementalAlterConfigs([r]));
			(await send).resources.forEach(collect);
		}
		if (problems.length) throw new KconError(`config change failed: ${problems.join('; ')}`);
	}

	/** IncrementalAlterConfigs resource by resource (broker resources to their broker); never throws, says what happened to each. */
	async alterConfigsEach(resources: ConfigResourceChange[]): Promise<ConfigOutcome[]> {
		const outcomes: ConfigOutcome[] = [];
		const settle = async (batch: ConfigResourceChange[], send: () => Promise<{resources: Array<{type: number; name: string; error: string | null; errorMessage: string | null}>}>) => {
			try {
				const result = await send();
				for (const r of batch) {
					const answer = result.resources.find((x) => x.type === r.type && x.name === r.name);
					if (!answer) outcomes.push({resource: r, applied: 'unknown', error: 'not in the answer'});
					else outcomes.push({resource: r, applied: answer.error ? 'no' : 'yes', error: answer.error ? `${answer.error}${answer.errorMessage ? ` (${answer.errorMessage})` : ''}` : null});
				}
			} catch (error) {
				// a connection that never opened sent nothing; any other failure may have come after the broker applied it
				const applied = neverConnected(error) ? 'no' : 'unknown';
				for (const r of batch) outcomes.push({resource: r, applied, error: describe(error)});
			}
		};
		const topics = resources.filter((r) => r.type !== RESOURCE_BROKER);
		if (topics.length) await settle(topics, () => this.any(incrementalAlterConfigs(topics)));
		for (const r of resources.filter((x) => x.type === RESOURCE_BROKER)) {
			const id = Number(r.name);
			await settle([r], () => (this.addresses.has(id) ? this.toBroker(id, incrementalAlterConfigs([r])) : this.any(incrementalAlterConfigs([r]))));
		}
		return outcomes;
	}

	/** DescribeConfigs of the given keys: topics from any broker, a broker's own configs from that broker; throws on any error. */
	async describeConfigs(resources: Array<{type: number; name: string; keys: string[]}>): Promise<Map<string, DescribedConfig[]>> {
		const found = new Map<string, DescribedConfig[]>();
		const take = (result: DescribeConfigsResult) => {
			for (const r of result.resources) {
				if (r.error) throw new KconError(`DescribeConfigs of ${r.type === RESOURCE_BROKER ? 'broker' : 'topic'} ${r.name} failed: ${r.error}${r.errorMessage ? ` (${r.errorMessage})` : ''}`);
				found.set(`${r.type}:${r.name}`, r.configs);
			}
		};
		const topics = resources.filter((r) => r.type !== RESOURCE_BROKER);
		if (topics.length) take(await this.any(describeConfigs(topics)));
		for (const r of resources.filter((x) => x.type === RESOURCE_BROKER)) {
			const id = Number(r.name);
			take(await (this.addresses.has(id) ? this.toBroker(id, describeConfigs([r])) : this.any(describeConfigs([r]))));
		}
		return found;
	}

	/** CreateTopics (validateOnly: the broker checks it all and creates nothing); per-topic results, errors included. */
	async createTopics(topics: NewTopic[], validateOnly: boolean): Promise<TopicResult[]> {
		return (await this.any(createTopics(topics, {validateOnly, timeoutMs: 30000}))).topics;
	}

	/** DeleteTopics by name; per-topic results, errors included. */
	async deleteTopics(names: string[]): Promise<TopicResult[]> {
		return (await this.any(deleteTopics(names, 30000))).topics.map((t) => ({...t, errorMessage: null}));
	}

	/** CreatePartitions (validateOnly: checked, nothing added); per-topic results, errors included. */
	async createPartitions(increases: PartitionIncrease[], validateOnly: boolean): Promise<TopicResult[]> {
		return (await this.any(createPartitions(increases, {validateOnly, timeoutMs: 30000}))).topics;
	}

	/**
	 * Every config of one resource with its synonyms, as kafka-configs.sh --describe reads it: a
	 * broker's from that broker, a topic's (or the cluster-wide broker default, name '') from any.
	 * The per-resource error is returned, not thrown.
	 */
	async describeAllConfigs(type: number, name: string): Promise<DescribedConfigResource> {
		const request = describeConfigs([{type, name, keys: null}], 1, {synonyms: true});
		const id = Number(name);
		const result = await (type === RESOURCE_BROKER && name !== '' && this.addresses.has(id) ? this.toBroker(id, request) : this.any(request));
		const found = result.resources.find((r) => r.type === type && r.name === name);
		if (!found) throw new KconError(`DescribeConfigs answered without ${type === RESOURCE_BROKER ? 'broker' : 'topic'} '${name}'`);
		return found;
	}

	/** IncrementalAlterConfigs of one resource (validateOnly: checked, nothing changed); the resource's error, or null. */
	async alterResourceConfigs(change: ConfigResourceChange, validateOnly: boolean): Promise<{error: string; message: string | null} | null> {
		const request = incrementalAlterConfigs([change], validateOnly);
		const id = Number(change.name);
		const result = await (change.type === RESOURCE_BROKER && change.name !== '' && this.addresses.has(id) ? this.toBroker(id, request) : this.any(request));
		const found = result.resources.find((r) => r.type === change.type && r.name === change.name) ?? result.resources[0];
		if (!found) throw new KconError('IncrementalAlterConfigs answered without the resource');
		return found.error ? {error: found.error, message: found.errorMessage} : null;
	}

	/** Replica sizes on one broker (all its log dirs) for the given topics (null = all). */
	async logDirs(brokerId: number, topics: Array<{topic: string; partitions: number[]}> | null): Promise<LogDirReplica[]> {
		const result = await this.toBroker(brokerId, describeLogDirs(topics));
		return result.replicas;
	}

	async close(): Promise<void> {
		await Promise.all([...this.links.values()].map((l) => l.close()));
		this.links.clear();
	}
}

function isConnectionError(error: unknown): boolean {
	const name = (error as {name?: string})?.name ?? '';
	const message = describe(error);
	return (
		name === 'KafkaJSConnectionError' ||
		name === 'KafkaJSConnectionClosedError' ||
		name === 'KafkaJSRequestTimeoutError' ||
		name === 'KafkaJSNonRetriableError' && /connect/i.test(message) ||
		/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection timeout|Closed connection/i.test(message)
	);
}

/** The connection was never established, so nothing was sent (refused, no route, no such host, connect timeout). */
function neverConnected(error: unknown): boolean {
	return /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EADDRNOTAVAIL|Connection timeout|is not in the cluster's metadata/i.test(describe(error));
}
