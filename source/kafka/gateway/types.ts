// What the gateway offers (KafkaGateway) and the options of a snapshot; gateway.ts makes one.
import type {ClusterSnapshot} from '../../domain/cluster.js';
import type {Settings} from '../../config/settings.js';

export interface SnapshotOptions {
	/** topic names to describe; undefined = every topic (internal ones included) */
	topics?: string[];
	/**
	 * earliest/latest offsets (ListOffsets, batched per leader): true (default) for every described
	 * topic, false for none, or only for the listed topics
	 */
	offsets?: boolean | {topics: string[]};
	/** consumer groups: true (default) = all, false = none, or only these group ids */
	groups?: boolean | string[];
	/**
	 * topic configs (DescribeConfigs, one batched request): min.insync.replicas and the non-default
	 * configs kafka-topics.sh prints. false (default) = none, true = every described topic, or a list
	 */
	configs?: boolean | {topics: string[]};
	/** partition reassignments in progress (adding/removing replicas); default true */
	reassignments?: boolean;
	/** eligible leader replicas via DescribeTopicPartitions (paged; what kafka-topics.sh prints); default false */
	elr?: boolean;
	/** the KRaft metadata quorum (DescribeQuorum, one request, fails soft into snapshot.quorum); default false */
	quorum?: boolean;
	/** the feature levels (ApiVersions v3+, one request on the bootstrap connection); default false */
	features?: boolean;
}

export interface KafkaGateway {
	readonly settings: Settings;
	snapshot(options?: SnapshotOptions): Promise<ClusterSnapshot>;
	/** closes every connection; the gateway may not be used afterwards */
	close(): Promise<void>;
}

export interface GatewayOptions {
	/** TCP connect timeout per broker in ms (default 3000) */
	connectionTimeout?: number;
	/** per-request timeout in ms (default 10000) */
	requestTimeout?: number;
	clientId?: string;
}
