// kafkajs 2.2.4's Cluster (its own connections, metadata and leader lookup, no consumer) for the
// tail, with Metadata parsed tolerantly, and kafkajs's Fetch request for one of its brokers.
import ClusterModule from 'kafkajs/src/cluster/index.js';
import MetadataRequests from 'kafkajs/src/protocol/requests/metadata/index.js';
import BrokerModule from 'kafkajs/src/broker/index.js';
import requestsModule from 'kafkajs/src/protocol/requests/index.js';
import apiKeys from 'kafkajs/src/protocol/requests/apiKeys.js';
import {quietLogger} from './logger.js';

// ---- the few kafkajs internals the tail uses (kafkajs 2.2.4, src/ is stable and unmaintained) ----
export interface KjsPartitionMetadata {
	partitionId: number;
	leader: number;
	partitionErrorCode: number;
}
export interface KjsProtocolRequest {
	request: {apiKey: number; apiName: string; apiVersion: number};
	response: {decode: (raw: Buffer) => Promise<unknown>; parse: (data: unknown) => Promise<unknown>};
	requestTimeout?: number;
}
export interface KjsClusterBroker {
	nodeId: number | string | null;
	connectionPool: {send<T>(request: unknown): Promise<T>};
	lookupRequest: (apiKey: number, definitions: unknown) => (args: Record<string, unknown>) => KjsProtocolRequest;
	listOffsets: (args: {
		isolationLevel: number;
		topics: Array<{topic: string; partitions: Array<{partition: number; timestamp: number}>}>;
	}) => Promise<{responses: Array<{topic: string; partitions: Array<{partition: number; offset: string; errorCode: number}>}>}>;
	disconnect: () => Promise<void>;
}
export interface KjsCluster {
	connect: () => Promise<void>;
	disconnect: () => Promise<void>;
	refreshMetadata: () => Promise<void>;
	addTargetTopic: (topic: string) => Promise<void>;
	findTopicPartitionMetadata: (topic: string) => KjsPartitionMetadata[];
	findBroker: (args: {nodeId: string}) => Promise<KjsClusterBroker>;
}

const Cluster = ClusterModule as new (options: Record<string, unknown>) => KjsCluster;

// kafkajs's Metadata parse throws on the first partition with an error code (kafkajs#1460): one
// partition without a leader (its only replica's broker is down) makes the whole topic unreadable.
// The tail's brokers parse Metadata tolerantly instead: a topic-level error still throws (unknown
// topic, not authorized), a partition-level one only leaves that partition with leader -1, which
// the tail reports and skips until a leader is back.
const BrokerClass = BrokerModule as unknown as {prototype: object};
const METADATA_API_KEY = 3;
const sendRequest = Object.getOwnPropertySymbols(BrokerClass.prototype).find((s) => s.description === 'private:Broker:sendRequest');
type KjsMetadataData = {topicMetadata: Array<{topicErrorCode: number; partitionMetadata: unknown[]}>};

function tolerateLeaderlessPartitions(cluster: KjsCluster): KjsCluster {
	const pool = (cluster as unknown as {brokerPool: {createBroker: (o: unknown) => Record<string | symbol, unknown>}}).brokerPool;
	if (!sendRequest || !pool || typeof pool.createBroker !== 'function') return cluster; // another kafkajs: keep its behaviour
	const create = pool.createBroker;
	pool.createBroker = (options) => {
		const broker = create(options);
		broker['metadata'] = async function (this: Record<string | symbol, unknown>, topics: string[] = []) {
			const lookup = this['lookupRequest'] as KjsClusterBroker['lookupRequest'];
			const request = lookup(METADATA_API_KEY, MetadataRequests)({topics, allowAutoTopicCreation: false});
			const parse = async (data: unknown) => {
				const failed = (data as KjsMetadataData).topicMetadata.find((t) => t.topicErrorCode !== 0);
				// the topic-level errors keep kafkajs's own parse (and its error types)
				if (failed) return request.response.parse(data);
				return data;
			};
			const send = this[sendRequest] as (r: KjsProtocolRequest) => Promise<unknown>;
			return send.call(this, {...request, response: {...request.response, parse}});
		};
		return broker;
	};
	return cluster;
}

/** A Cluster whose logger is silent and whose brokers tolerate leaderless partitions; `options` as kafkajs's Cluster takes them. */
export function createKjsCluster(options: Record<string, unknown>): KjsCluster {
	return tolerateLeaderlessPartitions(new Cluster({logger: quietLogger(), ...options}));
}

const {requests} = requestsModule;

/** kafkajs's Fetch request for `broker`, at the version it picks from the broker's ApiVersions. */
export function kjsFetchRequest(broker: KjsClusterBroker, args: Record<string, unknown>): KjsProtocolRequest {
	return broker.lookupRequest(apiKeys.Fetch, requests.Fetch)(args);
}
