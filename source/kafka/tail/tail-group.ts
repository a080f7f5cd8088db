// `kcon tail --group G`: consume as a member of consumer group G with the kafkajs consumer, and
// commit what was handed to the caller (a batch is committed once the caller asks for the next one).
import {Kafka, logLevel, type KafkaMessage} from 'kafkajs';
import {tlsFileOptions} from '../connection/client-config.js';
import type {RecordHeader, TailRecord} from '../../domain/tail.js';
import {UnreachableError, UsageError} from '../../errors.js';
import type {TailConnection} from './tail-cluster.js';
import {refuseWrites} from '../connection/write-guard.js';
import {unlessAborted} from '../../stop.js';
import {endClient, ownedSockets, type OwnedSockets} from '../connection/owned-sockets.js';

export interface TailGroupOptions {
	topic: string;
	groupId: string;
	/** where to start when the group has no committed offset */
	fromBeginning: boolean;
	/** stop once every partition has reached its end at start (assumes this is the only member) */
	untilEnd?: boolean;
	signal?: AbortSignal;
	onNotice?: (message: string) => void;
}

function kafkaFor(conn: TailConnection, sockets: OwnedSockets): Kafka {
	const ssl = conn.ssl ? tlsFileOptions(conn.ssl) : undefined;
	return new Kafka({
		clientId: conn.clientId ?? 'kcon-tail',
		brokers: conn.brokers,
		ssl,
		sasl: conn.sasl as never,
		logLevel: logLevel.NOTHING,
		socketFactory: sockets.factory as never,
		connectionTimeout: 3000,
		requestTimeout: 30000,
		// as the plain tail: a broker that is restarting gets two more tries, a silent one costs 3 handshake deadlines
		retry: {retries: 2, initialRetryTime: 200, maxRetryTime: 3000},
	});
}

export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): TailRecord {
	const headers: RecordHeader[] = [];
	for (const [key, value] of Object.entries(message.headers ?? {})) {
		const values = Array.isArray(value) ? value : [value];
		for (const v of values) headers.push({key, value: v === undefined || v === null ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v))});
	}
	const context = (message as unknown as {batchContext?: {timestampType?: number}}).batchContext;
	return {
		topic,
		partition,
		offset: BigInt(message.offset),
		timestamp: Number(message.timestamp),
		timestampType: context?.timestampType === 1 ? 'logappend' : 'create',
		key: message.key ?? null,
		value: message.value ?? null,
		headers,
		broker: -1,
	};
}

export async function* tailGroupBatches(conn: TailConnection, options: TailGroupOptions): AsyncGenerator<TailRecord[], void, undefined> {
	const {groupId, signal} = options;
	refuseWrites(conn, `to join group '${groupId}' and commit its offsets`);
	const sockets = ownedSockets(conn);
	const kafka = kafkaFor(conn, sockets);
	const onAbort = () => sockets.close();
	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		yield* consumeAsMember(kafka, sockets, conn, options);
	} catch (error) {
		// stopped while connecting or reading: the caller asked for it, nothing to report
		if (signal?.aborted) return;
		throw error;
	} finally {
		signal?.removeEventListener('abort', onAbort);
		sockets.destroyAll();
	}
}

async function* consumeAsMember(kafka: Kafka, sockets: OwnedSockets, conn: TailConnection, options: TailGroupOptions): AsyncGenerator<TailRecord[], void, undefined> {
	const {topic, groupId, signal} = options;
	// Every client made here is disconnected on every path, failed connects included: a kafkajs
	// client left connecting keeps sockets and retry timers that hold the process open.
	const admin = kafka.admin();
	// Where each partition ends now, and where the group would start, for --until end.
	const remaining = new Map<number, bigint>();
	try {
		try {
			await unlessAborted(admin.connect(), signal);
		} catch (error) {
			if (signal?.aborted) throw error;
			throw new UnreachableError(`cannot reach any broker of ${conn.brokers.join(',')}: ${(error as Error).message}`);
		}
		const topics = await unlessAborted(admin.listTopics(), signal);
		if (!topics.includes(topic)) throw new UsageError(`topic '${topic}' does not exist`);
		if (options.untilEnd) {
			const offsets = await unlessAborted(admin.fetchTopicOffsets(topic), signal);
			const committed = await unlessAborted(admin.fetchOffsets({groupId, topics: [topic]}), signal);
			const byPartition = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
			for (const o of offsets) {
				const end = BigInt(o.high);
				const c = byPartition.get(o.partition) ?? -1n;
				const startAt = c >= 0n ? c : options.fromBeginning ? BigInt(o.low) : end;
				if (startAt < end) remaining.set(o.partition, end);
			}
		}
	} finally {
		await endClient(() => admin.disconnect(), sockets, signal?.aborted === true);
	}
	if (options.untilEnd && remaining.size === 0) return;

	const consumer = kafka.consumer({groupId, sessionTimeout: 10000, heartbeatInterval: 1000, maxBytes: 32 * 1024 * 1024, maxBytesPerPartition: 8 * 1024 * 1024});
	// One batch at a time is handed over; kafkajs waits (and does not commit) until it is taken.
	let handOver: {records: TailRecord[]; taken: () => void} | null = null;
	let wake: (() => void) | null = null;
	let failure: unknown = null;
	let finished = false;
	const notify = () => {
		const w = wake;
		wake = null;
		w?.();
	};
	const onAbort = () => {
		finished = true;
		notify();
	};
	signal?.addEventListener('abort', onAbort, {once: true});
	consumer.on(consumer.events.CRASH, (event) => {
		const e = (event.payload as {error?: Error; restart?: boolean});
		if (!e.restart) {
			failure = e.error ?? new Error('consumer crashed');
			notify();
		} else {
			options.onNotice?.(`group consumer restarting after: ${e.error?.message ?? 'error'}`);
		}
	});
	try {
		await unlessAborted(consumer.connect(), signal);
		await unlessAborted(consumer.subscribe({topics: [topic], fromBeginning: options.fromBeginning}), signal);
		await unlessAborted(consumer.run({
			autoCommit: true,
			eachBatchAutoResolve: true,
			eachBatch: async ({batch, isRunning, isStale}) => {
				if (!isRunning() || isStale() || finished) return;
				let records = batch.messages.map((m) => fromKafkaMessage(batch.topic, batch.partition, m));
				const end = remaining.get(batch.partition);
				if (options.untilEnd) {
					if (end === undefined) return;
					records = records.filter((r) => r.offset < end);
				}
				await new Promise<void>((resolve) => {
					handOver = {records, taken: resolve};
					notify();
				});
				if (options.untilEnd && end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) {
					remaining.delete(batch.partition);
					if (remaining.size === 0) {
						finished = true;
						notify();
					}
				}
			},
		}), signal);
		for (;;) {
			if (failure) throw new UnreachableError(`group consumer failed: ${(failure as Error).message}`);
			const current = handOver as {records: TailRecord[]; taken: () => void} | null;
			if (current) {
				const {records, taken} = current;
				handOver = null;
				if (records.length > 0) yield records;
				taken();
				continue;
			}
			if (finished || signal?.aborted) return;
			await new Promise<void>((resolve) => {
				wake = resolve;
			});
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
		if (handOver) (handOver as {taken: () => void}).taken();
		await endClient(() => consumer.disconnect(), sockets, signal?.aborted === true);
	}
}
