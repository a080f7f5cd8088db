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
import {KconError, UnreachableError, UsageError} from '../../errors.js';
import type {StartSpec, TailPart, TailRecord} from '../../domain/tail.js';
import {createTailCluster, errorText, loadTopic, sleep, type TailConnection} from './tail-cluster.js';
import {fetchOnce, handleOutcome, type Outcome} from './tail-fetch.js';
import {assignLeaders, partitionStates, unplannedState, type PartitionPlan, type PartitionState} from './tail-partitions.js';
import {leaderlessAfterGrace, noLeaderNotice, unreadMessage} from './tail-leaderless.js';
import {planPartitions, resetOffsets} from './tail-start.js';
import {unlessAborted} from '../../stop.js';
import {endClient, ownedSockets} from '../connection/owned-sockets.js';

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

/**
 * Tail a topic: yields the records of each Fetch response as one array, partition by partition in
 * offset order. Ends when `untilEnd` is reached, when `signal` aborts, or when the caller stops
 * iterating; throws UsageError for an unknown topic/partition, UnreachableError when no broker
 * answers, KconError for anything else.
 */
export async function* tailBatches(conn: TailConnection, options: TailOptions): AsyncGenerator<TailRecord[], void, undefined> {
	// without inPlace every part is an array of records
	for await (const parts of tailParts(conn, options, false)) {
		yield parts.length === 1 ? (parts[0] as TailRecord[]) : (parts as TailRecord[][]).flat();
	}
}

/**
 * The same tail as tailBatches, each Fetch response as its parts: with `inPlace`, an uncompressed
 * record set is a RecordCursor over the response buffer, read after the next Fetch went out, instead
 * of an object per record (what -o json writes millions of lines from).
 */
export async function* tailParts(conn: TailConnection, options: TailOptions, inPlace = true): AsyncGenerator<TailPart[], void, undefined> {
	try {
		yield* tailOwned(conn, options, inPlace);
	} catch (error) {
		// stopped while connecting or waiting for a broker: the caller asked for it, nothing to report
		if (options.signal?.aborted) return;
		throw error;
	}
}

async function* tailOwned(conn: TailConnection, options: TailOptions, inPlace: boolean): AsyncGenerator<TailPart[], void, undefined> {
	const {topic, signal} = options;
	// kafkajs connects, metadata and offset requests cannot be cancelled: a stop leaves them behind
	// (the cluster is disconnected in finally) instead of waiting for their own timeouts
	const guard = <T>(p: Promise<T>) => unlessAborted(p, signal);
	const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
	const partitionMaxBytes = options.partitionMaxBytes ?? 1024 * 1024;
	const maxWaitMs = options.maxWaitMs ?? 500;
	const stallTimeoutMs = options.stallTimeoutMs ?? 120_000;
	const notice = options.onNotice ?? (() => {});
	// the plain tail only reads: its sockets refuse anything else
	const sockets = ownedSockets({readOnly: true});
	const cluster = createTailCluster(conn, sockets);
	const onAbort = () => sockets.close();
	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		try {
			await guard(cluster.connect());
		} catch (error) {
			throw new UnreachableError(`cannot reach any broker of ${conn.brokers.join(',')}: ${errorText(error)}`);
		}
		await guard(loadTopic(cluster, topic, signal));
		const metadata = cluster.findTopicPartitionMetadata(topic);
		const all = metadata.map((p) => p.partitionId).sort((a, b) => a - b);
		const wanted = options.partitions ?? all;
		const missing = wanted.filter((p) => !all.includes(p));
		if (missing.length > 0) {
			throw new UsageError(
				`topic '${topic}' has no partition ${missing.join(', ')} (it has ${all.length}: 0-${all.length - 1})`,
			);
		}

		// Partitions without a leader are read once they have one (--until end: not at all, and the
		// tail fails after reading the others); the rest start now.
		const leaderless = await guard(leaderlessAfterGrace(cluster, topic, wanted, signal));
		if (leaderless.length > 0) notice(noLeaderNotice(topic, leaderless));
		const led = wanted.filter((p) => !leaderless.includes(p));

		// Where to start: log start and end for every partition, the offset for a time if asked.
		const plan = await guard(planPartitions(cluster, topic, led, options.start, stallTimeoutMs, signal));
		options.onPlan?.(plan);

		const states = partitionStates(plan, options.untilEnd === true);
		if (!options.untilEnd) states.push(...leaderless.map(unplannedState));
		assignLeaders(cluster, topic, states, notice);
		// their start is resolved when a leader is back: until then they are neither read nor stalled
		const planReturned = async () => {
			const back = states.filter((s) => s.unplanned && s.leader !== null);
			if (back.length === 0) return;
			const plans = await guard(planPartitions(cluster, topic, back.map((s) => s.partition), options.start, stallTimeoutMs, signal));
			for (const p of plans) {
				const s = back.find((x) => x.partition === p.partition)!;
				s.next = p.start;
				s.end = p.end;
				s.unplanned = false;
				notice(`partition ${p.partition} of ${topic} has a leader again (broker ${s.leader}); reading from offset ${p.start}`);
			}
		};

		const pending = new Map<number, Promise<Outcome>>(); // by leader: one Fetch in flight per broker
		const brokersDown = new Set<number>(); // reported once per outage
		let refreshDelay = 100;
		let nextRefreshAt = 0;

		const launch = () => {
			const byLeader = new Map<number, PartitionState[]>();
			const now = Date.now();
			for (const s of states) {
				if (s.done || s.inFlight || s.unplanned || s.leader === null || pending.has(s.leader) || s.retryAt > now) continue;
				const list = byLeader.get(s.leader);
				if (list) list.push(s);
				else byLeader.set(s.leader, [s]);
			}
			for (const [leader, list] of byLeader) {
				for (const s of list) s.inFlight = true;
				pending.set(leader, fetchOnce(cluster, topic, leader, list, {maxBytes, partitionMaxBytes, maxWaitMs, inPlace}));
			}
		};

		for (;;) {
			if (signal?.aborted) return;
			if (states.every((s) => s.done)) {
				if (leaderless.length > 0 && options.untilEnd) throw new KconError(unreadMessage(topic, leaderless), 1, 'partial');
				return;
			}

			// Partitions without a leader: refresh metadata, with backoff while it keeps failing.
			const orphans = states.filter((s) => !s.done && !s.inFlight && s.leader === null && s.retryAt <= Date.now());
			if (orphans.length > 0 && Date.now() >= nextRefreshAt) {
				try {
					await guard(cluster.refreshMetadata());
					if (orphans.some((s) => s.resetOffset)) await guard(resetOffsets(cluster, topic, orphans, stallTimeoutMs, signal, notice));
				} catch (error) {
					notice(`metadata refresh failed (${errorText(error)}); retrying`);
				}
				assignLeaders(cluster, topic, states, notice);
				await planReturned();
				const stillLost = states.filter((s) => !s.done && s.leader === null && !s.unplanned);
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

			const outcome = await guard(Promise.race(pending.values()));
			pending.delete(outcome.leader);
			if (signal?.aborted) return;
			const batch = handleOutcome(outcome, states, options.untilEnd === true, notice, brokersDown);
			launch(); // next fetch goes out before the caller handles this batch
			if (batch.length > 0) yield batch;
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
		await endClient(() => cluster.disconnect(), sockets, signal?.aborted === true);
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
