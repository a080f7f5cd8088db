// The Kafka gateway: the one way the rest of kcon reads a cluster. It returns pure domain data
// (ClusterSnapshot, bigint offsets) and hides kafkajs, its traps and its connections.
//
// Failure model: snapshot() resolves whenever at least one broker answered a Metadata request —
// partitions without leader, dead brokers, unavailable coordinators become fields (leader: null,
// reachable: false, group.error) and snapshot.warnings. It rejects with UnreachableError (exit 1)
// only when no bootstrap broker can be reached, naming the addresses tried.
import type {Settings} from '../../config/settings.js';
import {SnapshotGateway} from './snapshot-gateway.js';
import type {GatewayOptions, KafkaGateway} from './types.js';

export type {GatewayOptions, KafkaGateway, SnapshotOptions} from './types.js';

export function createGateway(settings: Settings, options: GatewayOptions = {}): KafkaGateway {
	return new SnapshotGateway(settings, options);
}
