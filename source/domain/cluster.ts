// The cluster as kcon sees it: pure data, produced by source/kafka and read by every surface.
// Offsets are bigint here; they become JSON numbers only at the output edge.
import type {FeaturesRead, QuorumRead} from './quorum.js';

export interface BrokerInfo {
	id: number;
	host: string;
	port: number;
	rack: string | null;
	/** false when kcon could not open a connection to this broker during the last poll */
	reachable: boolean;
	/** why it is unreachable (e.g. "connect ECONNREFUSED 127.0.0.1:9091") */
	error?: string;
	/**
	 * false for a broker that replica lists name but the cluster metadata no longer lists (fenced,
	 * shut down); host/port are then the last known ones ('' / 0 when never seen)
	 */
	registered?: boolean;
	/** true for a broker the controller has fenced (DescribeCluster v2, Kafka ≥ 4.0); undefined when the cluster did not say */
	fenced?: boolean;
}

export interface PartitionInfo {
	partition: number;
	/** null when the partition has no leader (offline) */
	leader: number | null;
	replicas: number[];
	isr: number[];
	offlineReplicas: number[];
	addingReplicas: number[];
	removingReplicas: number[];
	/** null when the offsets could not be read (no leader, leader unreachable) */
	earliestOffset: bigint | null;
	latestOffset: bigint | null;
	/** a per-partition error from metadata, e.g. LEADER_NOT_AVAILABLE */
	error?: string;
	/** eligible leader replicas (KIP-966); undefined when the cluster did not say (TopicCommand: N/A) */
	elr?: number[];
	lastKnownElr?: number[];
}

export interface TopicInfo {
	name: string;
	internal: boolean;
	partitions: PartitionInfo[];
	/** topic-level min.insync.replicas when known */
	minInsyncReplicas?: number;
	/** the topic id (base64url Kafka Uuid as TopicCommand prints it) when the cluster sent one */
	topicId?: string;
	/** configs whose source is not the default (what kafka-topics.sh prints after Configs:), when read */
	configs?: Record<string, string>;
}

export interface MemberAssignment {
	topic: string;
	partitions: number[];
}

export interface GroupMember {
	memberId: string;
	/** static membership id (group.instance.id) when the member has one */
	groupInstanceId?: string;
	clientId: string;
	host: string;
	assignments: MemberAssignment[];
}

export interface GroupOffset {
	topic: string;
	partition: number;
	/** null when the group never committed for this partition */
	committed: bigint | null;
	logEnd: bigint | null;
	/** null when unknown (no commit, or no log-end offset) */
	lag: bigint | null;
	/** a streams group's partition without a commit: its log-start offset, from which its lag counts */
	logStart?: bigint | null;
	consumerId: string | null;
	host: string | null;
	clientId: string | null;
}

export type GroupState =
	| 'Stable'
	| 'PreparingRebalance'
	| 'CompletingRebalance'
	| 'Empty'
	| 'Dead'
	| 'Unknown'
	/** KIP-848 consumer groups: the broker is computing a new target assignment */
	| 'Assigning'
	/** KIP-848 consumer groups: members are moving towards the target assignment */
	| 'Reconciling'
	| string;

const groupStates = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling', 'NotReady'];

/** A state name as Kafka's tools print it (GroupState.parse: case-insensitive, anything else Unknown). */
export function groupStateName(reported: string): GroupState {
	const wanted = reported.trim().toLowerCase();
	return groupStates.find((s) => s.toLowerCase() === wanted) ?? 'Unknown';
}

export interface GroupInfo {
	groupId: string;
	state: GroupState;
	protocolType: string;
	/**
	 * which rebalance protocol the group uses: 'classic' (JoinGroup/SyncGroup, client-side assignor)
	 * or 'consumer' (KIP-848, the broker assigns); 'share'/'streams' as Kafka lists them; undefined
	 * when the cluster did not say (ListGroups before v5 and the group was not described)
	 */
	groupType?: string;
	/** broker id of the group coordinator, null when unknown/unavailable */
	coordinator: number | null;
	/**
	 * the chosen assignor: of a classic group the client-side one (range, cooperative-sticky, …), of a
	 * consumer group the broker's (uniform, range); '' when none
	 */
	assignmentStrategy?: string;
	members: GroupMember[];
	offsets: GroupOffset[];
	totalLag: bigint;
	/** set when the group could not be fully described (coordinator down, …) */
	error?: string;
	/** a Kafka Streams group's (KIP-1071) epochs, topology and tasks */
	streams?: StreamsGroupDetail;
}

/** Tasks of one sub-topology: the partitions of its input topics a member processes. */
export interface StreamsTasks {
	subtopologyId: string;
	partitions: number[];
}

export interface StreamsMemberDetail {
	memberId: string;
	/** the Streams instance (one process may run several members) */
	processId: string;
	memberEpoch: number;
	/** a classic-protocol member of an upgraded group */
	isClassic: boolean;
	activeTasks: StreamsTasks[];
	standbyTasks: StreamsTasks[];
	warmupTasks: StreamsTasks[];
}

export interface StreamsGroupDetail {
	groupEpoch: number;
	targetAssignmentEpoch: number;
	/** null until a member has sent the topology */
	topologyEpoch: number | null;
	/** the assignor the coordinator will use next, as Kafka ≥ 4.4 names it ('' when it names none); absent before */
	assignorName?: string;
	/** each sub-topology's input topics: its source topics, then the repartition topics it reads */
	subtopologies: {subtopologyId: string; sourceTopics: string[]; repartitionSourceTopics: string[]}[];
	/** in the broker's order, as GroupInfo.members */
	members: StreamsMemberDetail[];
}

export interface ClusterSnapshot {
	/** epoch millis when the poll finished */
	takenAt: number;
	clusterId: string | null;
	/** active controller id when the cluster tells it honestly (null under KRaft via kafkajs) */
	controller: number | null;
	brokers: BrokerInfo[];
	topics: TopicInfo[];
	groups: GroupInfo[];
	/** non-fatal problems met while polling, in words an operator understands */
	warnings: string[];
	/** the KRaft metadata quorum, when the snapshot asked for it */
	quorum?: QuorumRead;
	/** the feature levels (finalized and this broker's supported ranges), when the snapshot asked for them */
	features?: FeaturesRead;
}
