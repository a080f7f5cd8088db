// The kafkajs Cluster the tail reads through (kafkajs/cluster.ts: its own connections and metadata), loading
// a topic's metadata into it, and the error text and abortable sleep the tail's retry loops share.
import type {Settings} from '../../config/settings.js';
import {KconError, UnreachableError, UsageError} from '../../errors.js';
import {tlsFileOptions} from '../connection/client-config.js';
import type {OwnedSockets} from '../connection/owned-sockets.js';
import {createKjsCluster, type KjsCluster} from '../kafkajs/cluster.js';

export type {KjsCluster, KjsPartitionMetadata} from '../kafkajs/cluster.js';

export const READ_UNCOMMITTED = 0;

export type TailConnection = Pick<Settings, 'brokers' | 'sasl' | 'ssl' | 'readOnly' | 'context'> & {clientId?: string};

export function createTailCluster(conn: TailConnection, sockets: OwnedSockets): KjsCluster {
	return createKjsCluster({
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
	});
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
