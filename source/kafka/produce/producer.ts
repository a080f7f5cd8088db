// Writing records to a topic (`kcon produce`) with kafkajs's producer, made from client-config's
// guarded config: read-only settings are refused here before the client exists, and its sockets
// refuse a Produce request anyway (connection-guard.ts). Each record's partition is chosen before
// sending — the one asked for, or kafkajs's default (Java-compatible murmur2 of the key, round robin
// without one) — so the offset of every record follows from its partition's base offset.
import type {CompressionTypes as KjsCompressionTypes, IHeaders, Message, PartitionMetadata, Partitioners as KjsPartitioners} from 'kafkajs';
import type {Settings} from '../../config/settings.js';
import {KconError} from '../../errors.js';
import {createKafka} from '../connection/client-config.js';
import {refuseWrites} from '../connection/write-guard.js';

export interface OutgoingRecord {
	key: Buffer | null;
	value: Buffer | null;
	headers: Array<{key: string; value: Buffer}>;
	/** null: chosen by the default partitioner */
	partition: number | null;
}

export interface ProduceOptions {
	topic: string;
	/** 0, 1 or -1 (all) */
	acks: 0 | 1 | -1;
	compression: 'none' | 'gzip';
	/** the topic's partitions and their leaders (-1: none) */
	partitions: Array<{partition: number; leader: number}>;
}

export interface WrittenRecord {
	topic: string;
	partition: number;
	/** null with acks 0: the broker does not answer */
	offset: bigint | null;
}

/** Records per Produce request: bounded memory per request whatever the input's size. */
const BATCH = 500;

export async function produceRecords(settings: Settings, records: OutgoingRecord[], options: ProduceOptions): Promise<WrittenRecord[]> {
	refuseWrites(settings, `producing to '${options.topic}'`);
	const {CompressionTypes, Partitioners} = (await import('kafkajs')) as unknown as {CompressionTypes: typeof KjsCompressionTypes; Partitioners: typeof KjsPartitioners};
	const partitionMetadata = options.partitions.map((p) => ({partitionId: p.partition, leader: p.leader, partitionErrorCode: 0, replicas: [], isr: []})) as unknown as PartitionMetadata[];
	const choose = Partitioners.DefaultPartitioner();
	const kafka = await createKafka(settings, {clientId: 'kcon-produce', requestTimeout: 30000});
	// no retries: a retried Produce without idempotence could write a record twice
	const producer = kafka.producer({allowAutoTopicCreation: false, retry: {retries: 0}, idempotent: false});
	const written: WrittenRecord[] = [];
	await producer.connect();
	try {
		for (let start = 0; start < records.length; start += BATCH) {
			const batch = records.slice(start, start + BATCH);
			const messages: Message[] = batch.map((r) => {
				const headers: IHeaders = {};
				for (const h of r.headers) {
					const had = headers[h.key];
					headers[h.key] = had === undefined ? h.value : ([] as Array<Buffer | string>).concat(had as Buffer | Buffer[], h.value);
				}
				const message: Message = {key: r.key, value: r.value, headers};
				message.partition = r.partition ?? choose({topic: options.topic, partitionMetadata, message});
				return message;
			});
			const answers = await producer.send({
				topic: options.topic,
				messages,
				acks: options.acks,
				compression: options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
			});
			const base = new Map<number, bigint>();
			for (const a of answers) {
				if (a.errorCode !== 0) throw new KconError(`producing to ${options.topic}-${a.partition} failed: error code ${a.errorCode}`);
				if (a.baseOffset !== undefined && options.acks !== 0) base.set(a.partition, BigInt(a.baseOffset));
			}
			const seen = new Map<number, bigint>();
			for (const m of messages) {
				const p = m.partition!;
				const index = seen.get(p) ?? 0n;
				seen.set(p, index + 1n);
				const at = base.get(p);
				written.push({topic: options.topic, partition: p, offset: at === undefined ? null : at + index});
			}
		}
	} finally {
		await producer.disconnect();
	}
	return written;
}
