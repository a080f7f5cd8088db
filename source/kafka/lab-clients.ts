// kafkajs clients the lab itself needs (owned by the lab): create topic `resource`, the collectors'
// producer, and the `tower` / `tower-backup` groups. The console's gateway lives elsewhere in kafka/.
import {Kafka, logLevel, type Consumer, type Producer} from 'kafkajs';

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
 * Create `topic` (idempotent). Resolves 'created' or 'exists'; throws while the cluster cannot
 * place it yet (e.g. fewer live brokers than the replication factor) so the caller can retry.
 */
export async function ensureTopic(
	bootstrap: string,
	topic: string,
	numPartitions: number,
	replicationFactor: number,
): Promise<'created' | 'exists'> {
	const admin = client(bootstrap, 'kcon-lab-admin').admin();
	await admin.connect();
	try {
		const existing = await admin.listTopics();
		if (existing.includes(topic)) return 'exists';
		await admin.createTopics({topics: [{topic, numPartitions, replicationFactor}], timeout: 10000});
		// kafkajs's own waitForLeaders gives up on the UNKNOWN_TOPIC_OR_PARTITION answers a busy
		// cluster sends while the topic propagates (its metadata parse throws): poll instead
		const deadline = Date.now() + 60_000;
		for (;;) {
			const ready = await admin
				.fetchTopicMetadata({topics: [topic]})
				.then((m) => m.topics[0]!.partitions.length === numPartitions && m.topics[0]!.partitions.every((p) => p.leader >= 0))
				.catch(() => false);
			if (ready) return 'created';
			if (Date.now() > deadline) throw new Error(`topic ${topic} was created but has no leaders after 60 s`);
			await new Promise((r) => setTimeout(r, 250));
		}
	} catch (error) {
		if ((error as {type?: string}).type === 'TOPIC_ALREADY_EXISTS') return 'exists';
		throw error;
	} finally {
		await admin.disconnect().catch(() => {});
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
