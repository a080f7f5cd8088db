// The kafkajs Cluster the tail reads through (its own connections and metadata, no consumer), loading
// a topic's metadata into it, and the error text and abortable sleep the tail's retry loops share.
import {createRequire} from 'node:module';
import type {Settings} from '../config/settings.js';
import {KconError, UnreachableError, UsageError} from '../errors.js';
import {tlsFileOptions} from './client.js';
import type {OwnedSockets} from './owned-sockets.js';

const require = createRequire(import.meta.url);

// ---- the few kafkajs internals the tail uses (kafkajs 2.2.4, src/ is stable and unmaintained) ----
export interface KjsPartitionMetadata {
	partitionId: number;
	leader: number;
	partitionErrorCode: number;
}
export interface KjsProtocolRequest {
	request: {apiVersion: number};
	response: {decode: (raw: Buffer) => Promise<unknown>; parse: (data: unknown) => Promise<unknown>};
	requestTimeout?: number;
}
interface KjsBroker {
	nodeId: number | string | null;
	connectionPool: {send: (req: KjsProtocolRequest) => Promise<unknown>};
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
	findBroker: (args: {nodeId: string}) => Promise<KjsBroker>;
}

const Cluster = require('kafkajs/src/cluster/index.js') as new (options: Record<string, unknown>) => KjsCluster;
const {createLogger, LEVELS} = require('kafkajs/src/loggers/index.js') as {
	createLogger: (o: {level: number; logCreator: unknown}) => unknown;
	LEVELS: {NOTHING: number};
};

export const READ_UNCOMMITTED = 0;

export type TailConnection = Pick<Settings, 'brokers' | 'sasl' | 'ssl' | 'readOnly' | 'context'> & {clientId?: string};

// kafkajs's Metadata parse throws on the first partition with an error code (kafkajs#1460): one
// partition without a leader (its only replica's broker is down) makes the whole topic unreadable.
// The tail's brokers parse Metadata tolerantly instead: a topic-level error still throws (unknown
// topic, not authorized), a partition-level one only leaves that partition with leader -1, which
// the tail reports and skips until a leader is back.
const MetadataRequests = require('kafkajs/src/protocol/requests/metadata/index.js') as unknown;
const BrokerClass = require('kafkajs/src/broker/index.js') as {prototype: object};
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
			const lookup = this['lookupRequest'] as KjsBroker['lookupRequest'];
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

export function createTailCluster(conn: TailConnection, sockets: OwnedSockets): KjsCluster {
	return tolerateLeaderlessPartitions(new Cluster({
		logger: createLogger({level: LEVELS.NOTHING, logCreator: () => () => {}}),
		socketFactory: sockets.factory,
		brokers: conn.brokers,
		ssl: conn.ssl ? tlsFileOptions(conn.ssl) : null,
		sasl: conn.sasl ?? null,
		clientId: conn.clientId ?? 'kcon-tail',
		connectionTimeout: 3000,
		authenticationTimeout: 10000,
		requestTimeout: 30000,
		enforceRequestTimeout: true,
		metadataMaxAge: 300000,
		allowAutoTopicCreation: false,
		maxInFlightRequests: null,
		isolationLevel: READ_UNCOMMITTED,
		retry: {retries: 2, initialRetryTime: 100, maxRetryTime: 1000},
	}));
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function errorType(error: unknown): string | undefined {
	return (error as {type?: string} | null)?.type;
}

export const sleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve) => {
		if (signal?.aborted) return resolve();
		const t = setTimeout(done, ms);
		function done() {
			clearTimeout(t);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, {once: true});
	});

export async function loadTopic(cluster: KjsCluster, topic: string, signal?: AbortSignal): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		try {
			await cluster.addTargetTopic(topic);
			if (cluster.findTopicPartitionMetadata(topic).length === 0) {
				throw new UsageError(`topic '${topic}' does not exist`);
			}
			return;
		} catch (error) {
			if (error instanceof KconError) throw error;
			const type = errorType(error);
			if (type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'INVALID_TOPIC_EXCEPTION') {
				throw new UsageError(`topic '${topic}' does not exist`);
			}
			if (type === 'TOPIC_AUTHORIZATION_FAILED') throw new KconError(`not authorized to read topic '${topic}'`, 1, 'auth');
			// LEADER_NOT_AVAILABLE and friends: kafkajs's metadata parse throws on any partition error (#1460)
			if (attempt >= 20) throw new UnreachableError(`cannot load metadata of '${topic}': ${errorText(error)}`);
			await sleep(Math.min(100 * 2 ** attempt, 2000), signal);
			if (signal?.aborted) return;
		}
	}
}
