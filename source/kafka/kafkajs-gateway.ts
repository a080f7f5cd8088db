// kafkajs implementation of the gateway (in progress).
import type {ClusterSnapshot} from '../domain/cluster.js';
import type {Settings} from '../config/settings.js';
import {KconError} from '../errors.js';
import type {GatewayOptions, KafkaGateway, SnapshotOptions} from './gateway.js';

export class KafkajsGateway implements KafkaGateway {
	constructor(
		readonly settings: Settings,
		readonly options: GatewayOptions,
	) {}

	async snapshot(_options: SnapshotOptions = {}): Promise<ClusterSnapshot> {
		throw new KconError('the Kafka gateway is not built yet');
	}

	async close(): Promise<void> {}
}
