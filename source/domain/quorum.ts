// The KRaft metadata quorum (partition __cluster_metadata-0) and the cluster's feature levels, as
// pure data, with the figures kafka-metadata-quorum.sh derives from them (MetadataQuorumCommand):
// every replica's lag behind the leader's log-end offset, the largest follower lag and how long ago
// that follower was caught up, and the role each replica has.

export interface QuorumReplica {
	id: number;
	/** base64url Kafka Uuid of the replica's metadata directory; null when the cluster sent none (before v2) or the zero uuid */
	directoryId: string | null;
	logEndOffset: bigint;
	/** leader wall-clock millis of the replica's last fetch; null when unknown (and always for the leader) */
	lastFetchTimestamp: number | null;
	/** leader wall-clock millis the replica was last caught up (the leader reports its own clock); null when unknown */
	lastCaughtUpTimestamp: number | null;
	/** the voter's endpoints as `LISTENER://host:port` (v2; observers have none) */
	endpoints: string[];
}

export interface QuorumInfo {
	/** -1 when the quorum has no leader */
	leaderId: number;
	leaderEpoch: number;
	highWatermark: bigint;
	voters: QuorumReplica[];
	observers: QuorumReplica[];
	/** the DescribeQuorum version both sides spoke (v0: no timestamps, v2: directory ids and endpoints) */
	version: number;
}

/** What a snapshot knows of the quorum: the quorum, or why it could not be read. */
export type QuorumRead = {available: true; quorum: QuorumInfo} | {available: false; reason: string};

export type QuorumRole = 'Leader' | 'Follower' | 'Observer';

export interface QuorumReplicaRow extends QuorumReplica {
	role: QuorumRole;
	/** leader's log-end offset minus this replica's (null without a leader) */
	lag: bigint | null;
}

export function quorumLeader(q: QuorumInfo): QuorumReplica | undefined {
	return q.voters.find((v) => v.id === q.leaderId);
}

/** The replicas in MetadataQuorumCommand --replication order: leader, the other voters, observers. */
export function quorumRows(q: QuorumInfo): QuorumReplicaRow[] {
	const leader = quorumLeader(q);
	const lag = (r: QuorumReplica) => (leader ? leader.logEndOffset - r.logEndOffset : null);
	return [
		...(leader ? [{...leader, role: 'Leader' as const, lag: lag(leader)}] : []),
		...q.voters.filter((v) => v !== leader).map((v) => ({...v, role: 'Follower' as const, lag: lag(v)})),
		...q.observers.map((o) => ({...o, role: 'Observer' as const, lag: lag(o)})),
	];
}

export interface QuorumStatus {
	maxFollowerLag: bigint;
	/** -1 when a timestamp is unknown, as MetadataQuorumCommand prints it */
	maxFollowerLagTimeMs: number;
}

/**
 * MetadataQuorumCommand --status's two derived lines: the voter with the smallest log-end offset is
 * the most lagging follower (the leader itself when all are equal, lag 0 and time 0). Undefined
 * without a leader (the Java tool fails there).
 */
export function quorumStatus(q: QuorumInfo): QuorumStatus | undefined {
	const leader = quorumLeader(q);
	if (!leader) return undefined;
	let maxLag = q.voters[0]!;
	for (const v of q.voters) if (v.logEndOffset < maxLag.logEndOffset) maxLag = v;
	let maxFollowerLagTimeMs: number;
	if (maxLag === leader) maxFollowerLagTimeMs = 0;
	else if (leader.lastCaughtUpTimestamp !== null && maxLag.lastCaughtUpTimestamp !== null) {
		maxFollowerLagTimeMs = leader.lastCaughtUpTimestamp - maxLag.lastCaughtUpTimestamp;
	} else maxFollowerLagTimeMs = -1;
	return {maxFollowerLag: leader.logEndOffset - maxLag.logEndOffset, maxFollowerLagTimeMs};
}

/**
 * A voter counts as up when it is the leader, or when it fetched from the leader within this many
 * milliseconds of the leader's clock. Followers fetch continuously (a fetch waits at most
 * controller.quorum.fetch.timeout.ms, 2 s by default, before a follower gives up on the leader), so
 * a voter silent for longer is not replicating.
 */
export const VOTER_SILENT_MS = 5_000;

/**
 * Voters up out of all voters, judged on the leader's clock (its own lastCaughtUpTimestamp is its
 * "now"), so the reader's clock does not matter. null when it cannot be told: no leader, or a
 * cluster that sends no timestamps (DescribeQuorum v0).
 */
export function votersUp(q: QuorumInfo): {up: number; total: number} | null {
	const leader = quorumLeader(q);
	const now = leader?.lastCaughtUpTimestamp;
	if (!leader || now === null || now === undefined) return null;
	const up = q.voters.filter((v) => v === leader || (v.lastFetchTimestamp !== null && now - v.lastFetchTimestamp <= VOTER_SILENT_MS)).length;
	return {up, total: q.voters.length};
}

export type FeaturesRead = {available: true; features: ClusterFeatures} | {available: false; reason: string};

export interface FeatureLevel {
	name: string;
	/** this broker's supported range */
	supportedMin: number;
	supportedMax: number;
	/** the cluster's finalized level; 0 when not finalized (as FeatureCommand shows it) */
	finalized: number;
}

export interface ClusterFeatures {
	/** sorted by name */
	features: FeatureLevel[];
	/** null when the broker does not know it */
	epoch: bigint | null;
}

// metadata.version feature levels and their release names (org.apache.kafka.server.common.MetadataVersion);
// the numbering is the same in every release that has a level, new releases append.
const METADATA_VERSIONS = [
	'3.0-IV1', '3.1-IV0', '3.2-IV0', '3.3-IV0', '3.3-IV1', '3.3-IV2', '3.3-IV3', '3.4-IV0', '3.5-IV0', '3.5-IV1',
	'3.5-IV2', '3.6-IV0', '3.6-IV1', '3.6-IV2', '3.7-IV0', '3.7-IV1', '3.7-IV2', '3.7-IV3', '3.7-IV4', '3.8-IV0',
	'3.9-IV0', '4.0-IV0', '4.0-IV1', '4.0-IV2', '4.0-IV3', '4.1-IV0', '4.1-IV1', '4.2-IV0', '4.2-IV1', '4.3-IV0',
	'4.4-IV0', '4.4-IV1', '4.4-IV2', '4.5-IV0',
];

/** The cluster's finalized metadata.version by release name ('4.2-IV1'); null when not known. */
export function finalizedMetadataVersion(read: FeaturesRead | undefined): string | null {
	if (!read?.available) return null;
	const mv = read.features.features.find((f) => f.name === 'metadata.version');
	return mv && mv.finalized > 0 ? featureLevelText(mv.name, mv.finalized) : null;
}

/** The feature level of a metadata.version release name ('4.4-IV0' → 31); throws for a name not in the table. */
export function metadataVersionLevel(name: string): number {
	const index = METADATA_VERSIONS.indexOf(name);
	if (index < 0) throw new Error(`unknown metadata.version ${name}`);
	return index + 1;
}

/** A level as FeatureCommand prints it: metadata.version by release name (UNKNOWN n past the table), others as numbers. */
export function featureLevelText(feature: string, level: number): string {
	if (feature !== 'metadata.version') return String(level);
	return METADATA_VERSIONS[level - 1] ?? `UNKNOWN ${level}`;
}
