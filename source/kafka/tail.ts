// `kcon tail` without a consumer group: partitions are assigned directly and read with Fetch
// requests that kcon drives itself on kafkajs's own broker connections (kafkajs has no public
// assign()). Nothing is committed and no group is left behind.
//
// How it follows the cluster:
// - every partition keeps its own next offset (bigint); a record is emitted only at or past it and
//   the next offset only moves past batches that were decoded completely, so a retried fetch can
//   neither skip nor repeat a message;
// - one Fetch in flight per leader broker, covering all the partitions that broker leads (a
//   long-polling Fetch would otherwise block the connection for the broker's other partitions);
//   the next fetch is sent before the caller gets the records, so network and output overlap;
// - on NOT_LEADER_OR_FOLLOWER, FENCED/UNKNOWN_LEADER_EPOCH, LEADER_NOT_AVAILABLE, a closed or
//   refused connection or a timeout, the partition forgets its leader, metadata is refreshed (with
//   backoff) and the fetch resumes at the same offset on the new leader: leader elections and a
//   SIGKILLed broker are followed without gap or duplicate.
import {tlsFileOptions} from './client.js';
import {createRequire} from 'node:module';
import type {Settings} from '../config/settings.js';
import {KconError, UnreachableError, UsageError} from '../errors.js';
import {resolveStartOffset, type StartSpec, type TailRecord} from '../domain/tail.js';
import {decodeFetchV11, type FetchResult} from './tail-records.js';

const require = createRequire(import.meta.url);

// ---- the few kafkajs internals used here (kafkajs 2.2.4, src/ is stable and unmaintained) ----
interface KjsPartitionMetadata {
	partitionId: number;
	leader: number;
	partitionErrorCode: number;
}
interface KjsProtocolRequest {
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
interface KjsCluster {
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
const socketFactory = require('kafkajs/src/network/socketFactory.js') as () => unknown;
const {requests} = require('kafkajs/src/protocol/requests/index.js') as {requests: {Fetch: unknown}};
const apiKeys = require('kafkajs/src/protocol/requests/apiKeys.js') as {Fetch: number};

const READ_UNCOMMITTED = 0;
const EARLIEST = -2;
const LATEST = -1;

/** Partition error codes after which the leader is looked up again and the fetch retried. */
const RELOCATE = new Set([
	3, // UNKNOWN_TOPIC_OR_PARTITION (stale metadata on a broker that no longer hosts it)
	5, // LEADER_NOT_AVAILABLE
	6, // NOT_LEADER_OR_FOLLOWER
	9, // REPLICA_NOT_AVAILABLE
	13, // NETWORK_EXCEPTION
	56, // KAFKA_STORAGE_ERROR
	74, // FENCED_LEADER_EPOCH
	75, // UNKNOWN_LEADER_EPOCH
	78, // OFFSET_NOT_AVAILABLE
	100, // INCONSISTENT_TOPIC_ID
]);
const OFFSET_OUT_OF_RANGE = 1;

export type TailConnection = Pick<Settings, 'brokers' | 'sasl' | 'ssl'> & {clientId?: string};

export interface PartitionPlan {
	partition: number;
	/** first offset the tail reads */
	start: bigint;
	/** high watermark when the tail started */
	end: bigint;
	logStart: bigint;
}

export interface TailOptions {
	topic: string;
	/** default: every partition of the topic */
	partitions?: number[];
	start: StartSpec;
	/** stop once every partition has reached its end (high watermark at start), like kcat -e */
	untilEnd?: boolean;
	/** bytes per Fetch response (default 16 MiB) and per partition in it (default 1 MiB: batches small enough to die young in the GC) */
	maxBytes?: number;
	partitionMaxBytes?: number;
	/** long-poll time of a Fetch when no data is there (default 500 ms) */
	maxWaitMs?: number;
	/** give up when a partition has had no reachable leader for this long (default 120 s) */
	stallTimeoutMs?: number;
	/** informational notices: leader moves, retries (the CLI writes them to stderr) */
	onNotice?: (message: string) => void;
	/** the resolved start and end of every partition, once, before the first record */
	onPlan?: (plan: PartitionPlan[]) => void;
	/** aborting ends the tail promptly (connections are closed) */
	signal?: AbortSignal;
}

interface PartitionState {
	partition: number;
	next: bigint;
	end: bigint;
	leader: number | null;
	inFlight: boolean;
	done: boolean;
	/** when the partition lost its leader (for the stall timeout) */
	lostAt: number | null;
	lastLeader: number | null;
	resetOffset: boolean;
	/** consecutive failed fetches, and when to try again (backoff 100 ms … 2 s) */
	failures: number;
	retryAt: number;
}

type Outcome =
	| {ok: true; leader: number; states: PartitionState[]; offsets: Map<number, bigint>; result: FetchResult}
	| {ok: false; leader: number; states: PartitionState[]; error: unknown};

export function createTailCluster(conn: TailConnection): KjsCluster {
	return new Cluster({
		logger: createLogger({level: LEVELS.NOTHING, logCreator: () => () => {}}),
		socketFactory: socketFactory(),
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

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function errorType(error: unknown): string | undefined {
	return (error as {type?: string} | null)?.type;
}

const sleep = (ms: number, signal?: AbortSignal) =>
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

/**
 * Tail a topic: yields the records of each Fetch response as one array, partition by partition in
 * offset order. Ends when `untilEnd` is reached, when `signal` aborts, or when the caller stops
 * iterating; throws UsageError for an unknown topic/partition, UnreachableError when no broker
 * answers, KconError for anything else.
 */
export async function* tailBatches(conn: TailConnection, options: TailOptions): AsyncGenerator<TailRecord[], void, undefined> {
	const {topic, signal} = options;
	const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
	const partitionMaxBytes = options.partitionMaxBytes ?? 1024 * 1024;
	const maxWaitMs = options.maxWaitMs ?? 500;
	const stallTimeoutMs = options.stallTimeoutMs ?? 120_000;
	const notice = options.onNotice ?? (() => {});
	const cluster = createTailCluster(conn);
	const onAbort = () => void cluster.disconnect().catch(() => {});
	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		try {
			await cluster.connect();
		} catch (error) {
			throw new UnreachableError(`cannot reach any broker of ${conn.brokers.join(',')}: ${errorText(error)}`);
		}
		await loadTopic(cluster, topic);
		const metadata = cluster.findTopicPartitionMetadata(topic);
		const all = metadata.map((p) => p.partitionId).sort((a, b) => a - b);
		const wanted = options.partitions ?? all;
		const missing = wanted.filter((p) => !all.includes(p));
		if (missing.length > 0) {
			throw new UsageError(
				`topic '${topic}' has no partition ${missing.join(', ')} (it has ${all.length}: 0-${all.length - 1})`,
			);
		}

		// Where to start: log start and end for every partition, the offset for a time if asked.
		const logStarts = await listOffsets(cluster, topic, wanted, () => EARLIEST, stallTimeoutMs, signal);
		const ends = await listOffsets(cluster, topic, wanted, () => LATEST, stallTimeoutMs, signal);
		const spec = options.start;
		const byTime =
			spec.kind === 'time' ? await listOffsets(cluster, topic, wanted, () => spec.ms, stallTimeoutMs, signal) : null;
		const plan: PartitionPlan[] = wanted.map((partition) => {
			const logStart = logStarts.get(partition)!;
			const end = ends.get(partition)!;
			const start = resolveStartOffset(spec, logStart, end, byTime ? byTime.get(partition)! : null);
			return {partition, start, end, logStart};
		});
		options.onPlan?.(plan);

		const states: PartitionState[] = plan.map((p) => ({
			partition: p.partition,
			next: p.start,
			end: p.end,
			leader: null,
			inFlight: false,
			done: options.untilEnd === true && p.start >= p.end,
			lostAt: null,
			lastLeader: null,
			resetOffset: false,
			failures: 0,
			retryAt: 0,
		}));
		assignLeaders(cluster, topic, states, notice);

		const pending = new Map<number, Promise<Outcome>>(); // by leader: one Fetch in flight per broker
		const brokersDown = new Set<number>(); // reported once per outage
		let refreshDelay = 100;
		let nextRefreshAt = 0;

		const launch = () => {
			const byLeader = new Map<number, PartitionState[]>();
			const now = Date.now();
			for (const s of states) {
				if (s.done || s.inFlight || s.leader === null || pending.has(s.leader) || s.retryAt > now) continue;
				const list = byLeader.get(s.leader);
				if (list) list.push(s);
				else byLeader.set(s.leader, [s]);
			}
			for (const [leader, list] of byLeader) {
				for (const s of list) s.inFlight = true;
				pending.set(leader, fetchOnce(cluster, topic, leader, list, {maxBytes, partitionMaxBytes, maxWaitMs}));
			}
		};

		for (;;) {
			if (signal?.aborted) return;
			if (states.every((s) => s.done)) return;

			// Partitions without a leader: refresh metadata, with backoff while it keeps failing.
			const orphans = states.filter((s) => !s.done && !s.inFlight && s.leader === null && s.retryAt <= Date.now());
			if (orphans.length > 0 && Date.now() >= nextRefreshAt) {
				try {
					await cluster.refreshMetadata();
					if (orphans.some((s) => s.resetOffset)) await resetOffsets(cluster, topic, orphans, stallTimeoutMs, signal, notice);
				} catch (error) {
					notice(`metadata refresh failed (${errorText(error)}); retrying`);
				}
				assignLeaders(cluster, topic, states, notice);
				const stillLost = states.filter((s) => !s.done && s.leader === null);
				if (stillLost.length > 0) {
					nextRefreshAt = Date.now() + refreshDelay;
					refreshDelay = Math.min(refreshDelay * 2, 2000);
					const oldest = Math.min(...stillLost.map((s) => s.lostAt ?? Date.now()));
					if (Date.now() - oldest > stallTimeoutMs) {
						throw new UnreachableError(
							`partition ${stillLost.map((s) => s.partition).join(', ')} of '${topic}' has had no reachable leader for ${Math.round(stallTimeoutMs / 1000)} s`,
						);
					}
				} else {
					refreshDelay = 100;
				}
			}

			launch();
			if (pending.size === 0) {
				const waiting = states.filter((s) => !s.done);
				const wakeAt = Math.min(...waiting.map((s) => (s.leader === null ? Math.max(s.retryAt, nextRefreshAt) : s.retryAt)));
				await sleep(Math.min(2000, Math.max(10, wakeAt - Date.now())), signal);
				continue;
			}

			const outcome = await Promise.race(pending.values());
			pending.delete(outcome.leader);
			if (signal?.aborted) return;
			const batch = handleOutcome(outcome, states, options.untilEnd === true, notice, brokersDown);
			launch(); // next fetch goes out before the caller handles this batch
			if (batch.length > 0) yield batch;
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
		await cluster.disconnect().catch(() => {});
	}
}

/**
 * The console's tail source: the last `last` messages of every partition, then live.
 * (ui/views/tail-view.tsx takes it as a `TailSource`.)
 */
export function consoleTailSource(conn: TailConnection, last = 50n) {
	return (topic: string, signal: AbortSignal): AsyncIterable<TailRecord[]> =>
		tailBatches(conn, {topic, start: {kind: 'last', count: last}, signal});
}

/** The same tail, one record at a time (the async-generator adapter the console consumes). */
export async function* tailRecords(conn: TailConnection, options: TailOptions): AsyncGenerator<TailRecord, void, undefined> {
	for await (const batch of tailBatches(conn, options)) yield* batch;
}

async function loadTopic(cluster: KjsCluster, topic: string): Promise<void> {
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
			await sleep(Math.min(100 * 2 ** attempt, 2000));
		}
	}
}

function assignLeaders(cluster: KjsCluster, topic: string, states: PartitionState[], notice: (m: string) => void): void {
	let metadata: KjsPartitionMetadata[] = [];
	try {
		metadata = cluster.findTopicPartitionMetadata(topic);
	} catch {
		return;
	}
	for (const s of states) {
		if (s.done || s.inFlight || s.leader !== null) continue;
		const m = metadata.find((p) => p.partitionId === s.partition);
		if (m && m.leader !== null && m.leader !== undefined && m.leader >= 0) {
			if (s.lastLeader !== null && s.lastLeader !== m.leader) {
				notice(`partition ${s.partition}: leader ${s.lastLeader} → ${m.leader}, resuming at offset ${s.next}`);
			}
			s.leader = m.leader;
			s.lastLeader = m.leader;
			s.lostAt = null;
		} else if (s.lostAt === null) {
			s.lostAt = Date.now();
		}
	}
}

/** ListOffsets for `partitions`, asked of each partition's leader, retried on leader moves. */
async function listOffsets(
	cluster: KjsCluster,
	topic: string,
	partitions: number[],
	timestamp: (partition: number) => number,
	timeoutMs: number,
	signal?: AbortSignal,
): Promise<Map<number, bigint>> {
	const result = new Map<number, bigint>();
	const deadline = Date.now() + timeoutMs;
	let delay = 100;
	let lastError: unknown;
	while (result.size < partitions.length) {
		if (signal?.aborted) throw new KconError('aborted', 130, 'aborted');
		const metadata = cluster.findTopicPartitionMetadata(topic);
		const byLeader = new Map<number, number[]>();
		for (const p of partitions) {
			if (result.has(p)) continue;
			const leader = metadata.find((m) => m.partitionId === p)?.leader;
			if (leader === undefined || leader === null || leader < 0) continue;
			byLeader.set(leader, [...(byLeader.get(leader) ?? []), p]);
		}
		await Promise.all(
			[...byLeader].map(async ([leader, list]) => {
				try {
					const broker = await cluster.findBroker({nodeId: String(leader)});
					const response = await broker.listOffsets({
						isolationLevel: READ_UNCOMMITTED,
						topics: [{topic, partitions: list.map((partition) => ({partition, timestamp: timestamp(partition)}))}],
					});
					for (const t of response.responses) {
						for (const p of t.partitions) result.set(p.partition, BigInt(p.offset));
					}
				} catch (error) {
					lastError = error;
				}
			}),
		);
		if (result.size === partitions.length) break;
		if (Date.now() > deadline) {
			throw new UnreachableError(`cannot list offsets of '${topic}': ${errorText(lastError ?? 'no leader')}`);
		}
		await sleep(delay, signal);
		delay = Math.min(delay * 2, 2000);
		try {
			await cluster.refreshMetadata();
		} catch (error) {
			lastError = error;
		}
	}
	return result;
}

/** After OFFSET_OUT_OF_RANGE (retention deleted data, or an unclean election truncated the log). */
async function resetOffsets(
	cluster: KjsCluster,
	topic: string,
	states: PartitionState[],
	timeoutMs: number,
	signal: AbortSignal | undefined,
	notice: (m: string) => void,
): Promise<void> {
	const list = states.filter((s) => s.resetOffset);
	const parts = list.map((s) => s.partition);
	const starts = await listOffsets(cluster, topic, parts, () => EARLIEST, timeoutMs, signal);
	const ends = await listOffsets(cluster, topic, parts, () => LATEST, timeoutMs, signal);
	for (const s of list) {
		const start = starts.get(s.partition)!;
		const end = ends.get(s.partition)!;
		const next = s.next < start ? start : s.next > end ? end : s.next;
		if (next !== s.next) notice(`partition ${s.partition}: offset ${s.next} is out of range [${start}, ${end}]; continuing at ${next}`);
		s.next = next;
		s.resetOffset = false;
	}
}

async function fetchOnce(
	cluster: KjsCluster,
	topic: string,
	leader: number,
	states: PartitionState[],
	sizes: {maxBytes: number; partitionMaxBytes: number; maxWaitMs: number},
): Promise<Outcome> {
	const offsets = new Map<number, bigint>(states.map((s) => [s.partition, s.next]));
	try {
		const broker = await cluster.findBroker({nodeId: String(leader)});
		const protocol = broker.lookupRequest(apiKeys.Fetch, requests.Fetch)({
			replicaId: -1,
			isolationLevel: READ_UNCOMMITTED,
			maxWaitTime: sizes.maxWaitMs,
			minBytes: 1,
			maxBytes: sizes.maxBytes,
			topics: [
				{
					topic,
					partitions: states.map((s) => ({partition: s.partition, fetchOffset: s.next.toString(), maxBytes: sizes.partitionMaxBytes})),
				},
			],
			rackId: '',
		});
		if (protocol.request.apiVersion !== 11) {
			throw new KconError(`kcon tail needs Fetch v11; this broker offers v${protocol.request.apiVersion}`);
		}
		const topicOffsets = new Map([[topic, offsets]]);
		const request: KjsProtocolRequest = {
			...protocol,
			response: {
				decode: async (raw: Buffer) => decodeFetchV11(raw, leader, topicOffsets),
				parse: async (data: unknown) => data,
			},
		};
		let result: FetchResult;
		try {
			result = (await broker.connectionPool.send(request)) as FetchResult;
		} catch (error) {
			if ((error as {name?: string}).name === 'KafkaJSConnectionClosedError') await broker.disconnect().catch(() => {});
			throw error;
		}
		return {ok: true, leader, states, offsets, result};
	} catch (error) {
		return {ok: false, leader, states, error};
	}
}

function backOff(s: PartitionState, now = Date.now()): void {
	s.leader = null;
	s.lostAt ??= now;
	s.failures++;
	s.retryAt = now + Math.min(100 * 2 ** (s.failures - 1), 2000);
}

function handleOutcome(
	outcome: Outcome,
	states: PartitionState[],
	untilEnd: boolean,
	notice: (m: string) => void,
	brokersDown: Set<number>,
): TailRecord[] {
	for (const s of outcome.states) s.inFlight = false;
	if (!outcome.ok) {
		if (outcome.error instanceof KconError) throw outcome.error;
		for (const s of outcome.states) backOff(s);
		if (!brokersDown.has(outcome.leader)) {
			brokersDown.add(outcome.leader);
			notice(
				`broker ${outcome.leader} (leader of partition ${outcome.states.map((s) => s.partition).join(', ')}): ${errorText(outcome.error)}; waiting for a leader`,
			);
		}
		return [];
	}
	brokersDown.delete(outcome.leader);
	const {result} = outcome;
	if (result.errorCode !== 0) {
		for (const s of outcome.states) backOff(s);
		notice(`broker ${outcome.leader}: fetch error ${result.errorCode}; retrying`);
		return [];
	}
	const batch: TailRecord[] = [];
	const fetched = [...result.partitions.values()][0] ?? [];
	for (const p of fetched) {
		const s = states.find((x) => x.partition === p.partition);
		if (!s || s.done) continue;
		if (outcome.offsets.get(p.partition) !== s.next) continue; // a stale answer: never emit twice
		if (p.errorCode !== 0) {
			if (RELOCATE.has(p.errorCode)) {
				backOff(s);
			} else if (p.errorCode === OFFSET_OUT_OF_RANGE) {
				backOff(s);
				s.resetOffset = true;
			} else {
				throw new KconError(`partition ${p.partition}: fetch failed with Kafka error code ${p.errorCode}`);
			}
			continue;
		}
		let records = p.records;
		if (untilEnd) {
			let cut = records.length;
			while (cut > 0 && records[cut - 1]!.offset >= s.end) cut--;
			if (cut < records.length) records = records.slice(0, cut);
		}
		for (const r of records) batch.push(r);
		s.next = p.nextOffset;
		s.failures = 0;
		if (untilEnd && s.next >= s.end) s.done = true;
	}
	void notice;
	return batch;
}
