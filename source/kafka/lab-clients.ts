// kafkajs clients the lab itself needs (owned by the lab): create topic `resource`, the collectors'
// producer, and the `tower` / `tower-backup` groups. The console's gateway lives elsewhere in kafka/.
import {Kafka, logLevel, type Consumer, type Producer} from 'kafkajs';
import type {Settings} from '../config/settings.js';
import {createBroker} from './connection/client-config.js';
import {metadataFrom} from './gateway/brokers.js';
import {Node} from './connection/node.js';
import type {MetadataResponse} from './codec/metadata.js';

function client(bootstrap: string, clientId: string): Kafka {
	return new Kafka({
		clientId,
		brokers: bootstrap.split(','),
		logLevel: logLevel.NOTHING,
		connectionTimeout: 3000,
		requestTimeout: 10000,
		retry: {retries: 2, initialRetryTime: 200},
	});
}

/**
 * Create `topic` (idempotent) and wait until every bootstrap broker's own metadata has it with a
 * leader for each partition. Resolves 'created' or 'exists'; throws while the cluster cannot place
 * it yet (e.g. fewer live brokers than the replication factor) so the caller can retry.
 *
 * Every broker, not one: a client that asks a broker the new topic has not reached yet gets
 * UNKNOWN_TOPIC_OR_PARTITION, which kafkajs's metadata parse throws (tulios/kafkajs#1460) — the
 * lab's tower consumer died of exactly that right after `lab up` created `resource`.
 */
export async function ensureTopic(
	bootstrap: string,
	topic: string,
	numPartitions: number,
	replicationFactor: number,
): Promise<'created' | 'exists'> {
	const admin = client(bootstrap, 'kcon-lab-admin').admin();
	await admin.connect();
	let made: 'created' | 'exists' = 'created';
	try {
		const existing = await admin.listTopics();
		if (existing.includes(topic)) made = 'exists';
		// waitForLeaders: false — kafkajs's own wait polls Metadata through its parse, which throws
		// UNKNOWN_TOPIC_OR_PARTITION (not retried) when it asks a broker the creation has not reached;
		// the wait below asks every broker itself and treats "not yet" as not yet
		else await admin.createTopics({topics: [{topic, numPartitions, replicationFactor}], waitForLeaders: false, timeout: 10000});
	} catch (error) {
		if ((error as {type?: string}).type !== 'TOPIC_ALREADY_EXISTS') throw error;
		made = 'exists';
	} finally {
		await admin.disconnect().catch(() => {});
	}
	await waitForTopicsOnEveryBroker(bootstrap, [topic], numPartitions, 60_000);
	return made;
}

/**
 * Until every bootstrap broker's own metadata lists each of `topics` with `partitions` partitions,
 * each with a leader (see ensureTopic for why every broker). Throws after `timeoutMs`.
 */
export async function waitForTopicsOnEveryBroker(bootstrap: string, topics: string[], partitions: number, timeoutMs: number): Promise<void> {
	await untilEveryBroker(
		bootstrap,
		topics,
		(metadata) =>
			topics.every((name) => {
				const t = metadata.topics.find((x) => x.name === name);
				return t !== undefined && t.errorCode === 0 && t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0);
			}),
		timeoutMs,
		`topic(s) ${topics.slice(0, 3).join(', ')}${topics.length > 3 ? ` and ${topics.length - 3} more` : ''} have no leaders in the metadata of every broker`,
	);
}

/**
 * Until no bootstrap broker's metadata lists any topic `gone` accepts. A deletion reaches the
 * brokers one by one; a client that asks a broker still listing a deleted topic's partitions, and
 * then a broker that no longer hosts them, trips kafkajs's metadata parse the same way as a creation
 * that has not spread yet. Throws after `timeoutMs`.
 */
export async function waitForTopicsGoneFromEveryBroker(bootstrap: string, gone: (topic: string) => boolean, timeoutMs: number): Promise<void> {
	await untilEveryBroker(bootstrap, null, (metadata) => !metadata.topics.some((t) => t.name !== null && gone(t.name)), timeoutMs, 'deleted topics are still in the metadata of some broker');
}

async function untilEveryBroker(
	bootstrap: string,
	topics: string[] | null,
	done: (metadata: MetadataResponse) => boolean,
	timeoutMs: number,
	what: string,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const addresses = bootstrap.split(',');
	for (;;) {
		const ready = await Promise.all(addresses.map((a) => brokerAgrees(a, topics, done)));
		if (ready.every(Boolean)) return;
		if (Date.now() > deadline) throw new Error(`${what} after ${Math.round(timeoutMs / 1000)} s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Whether the broker at `address` answers Metadata itself and its answer satisfies `done`. */
async function brokerAgrees(address: string, topics: string[] | null, done: (metadata: MetadataResponse) => boolean): Promise<boolean> {
	const at = address.lastIndexOf(':');
	const settings: Settings = {brokers: [address], readOnly: true, source: 'lab'};
	const node = new Node(address, createBroker(address.slice(0, at), Number(address.slice(at + 1)), settings, {clientId: 'kcon-lab-admin'}, undefined));
	try {
		return done(await metadataFrom(await node.connect(), topics));
	} catch {
		return false;
	} finally {
		await node.broker.disconnect().catch(() => {});
	}
}

/** Number of brokers the cluster reports in its metadata. */
export async function brokerCount(bootstrap: string): Promise<number> {
	const admin = client(bootstrap, 'kcon-lab-admin').admin();
	await admin.connect();
	try {
		return (await admin.describeCluster()).brokers.length;
	} finally {
		await admin.disconnect().catch(() => {});
	}
}

/** A connected producer for the collectors; `send(value)` publishes one unkeyed record. */
export async function labProducer(bootstrap: string, clientId: string, topic: string) {
	const producer: Producer = client(bootstrap, clientId).producer({allowAutoTopicCreation: false});
	await producer.connect();
	return {
		send: async (value: string) => {
			await producer.send({topic, acks: -1, messages: [{value}]});
		},
		close: () => producer.disconnect(),
	};
}

/** A group member that consumes `topic` continuously and commits (like the Tower lab's broker_to_influxdb). */
export async function labConsumer(
	bootstrap: string,
	groupId: string,
	topic: string,
	onMessage: (value: string | null) => void = () => {},
) {
	const consumer: Consumer = client(bootstrap, `kcon-lab-${groupId}`).consumer({
		groupId,
		sessionTimeout: 10000,
		heartbeatInterval: 1000,
		retry: {retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000},
	});
	await consumer.connect();
	await consumer.subscribe({topics: [topic], fromBeginning: true});
	await consumer.run({
		autoCommit: true,
		autoCommitInterval: 1000,
		eachMessage: async ({message}) => onMessage(message.value?.toString() ?? null),
	});
	return {close: () => consumer.disconnect()};
}

/**
 * Commit, for a group with no members, the current end offset of every partition of `topic`
 * (so the group is Empty and its lag grows as producers write).
 */
export async function commitGroupAtEnd(bootstrap: string, groupId: string, topic: string): Promise<void> {
	const admin = client(bootstrap, 'kcon-lab-admin').admin();
	await admin.connect();
	try {
		const offsets = await admin.fetchTopicOffsets(topic);
		await admin.setOffsets({
			groupId,
			topic,
			partitions: offsets.map((o) => ({partition: o.partition, offset: o.high})),
		});
	} finally {
		await admin.disconnect().catch(() => {});
	}
}
