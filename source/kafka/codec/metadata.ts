// Metadata v9–v12 (flexible): brokers with racks, topic ids, and topic/partition error codes as
// values, not exceptions.
import {ApiKey, uuidString, wire, type WireRequest} from './request.js';

export interface MetadataBroker {
	nodeId: number;
	host: string;
	port: number;
	rack: string | null;
}
export interface MetadataPartition {
	errorCode: number;
	partition: number;
	leader: number;
	leaderEpoch: number;
	replicas: number[];
	isr: number[];
	offlineReplicas: number[];
}
export interface MetadataTopic {
	errorCode: number;
	name: string | null;
	topicId: string | null;
	internal: boolean;
	partitions: MetadataPartition[];
}
export interface MetadataResponse {
	brokers: MetadataBroker[];
	clusterId: string | null;
	controllerId: number;
	topics: MetadataTopic[];
}

const ZERO_UUID = Buffer.alloc(16);

export function metadataRequest(version: number, topics: string[] | null): WireRequest<MetadataResponse> {
	if (version < 9 || version > 12) throw new Error(`Metadata v${version} is not implemented`);
	return wire(
		ApiKey.Metadata,
		'Metadata',
		version,
		true,
		(w) => {
			w.compactArray(topics, (w, name) => {
				if (version >= 10) w.uuid(ZERO_UUID);
				w.compactString(name).tags();
			});
			w.bool(false); // allow_auto_topic_creation
			if (version <= 10) w.bool(false); // include_cluster_authorized_operations
			w.bool(false); // include_topic_authorized_operations
			w.tags();
		},
		(r) => {
			r.int32(); // throttle
			const brokers = r.compactArray((r) => {
				const b = {nodeId: r.int32(), host: r.compactString() ?? '', port: r.int32(), rack: r.compactString()};
				r.tags();
				return b;
			});
			const clusterId = r.compactString();
			const controllerId = r.int32();
			const topics = r.compactArray((r) => {
				const errorCode = r.int16();
				const name = r.compactString();
				const id = version >= 10 ? r.uuid() : null;
				const internal = r.bool();
				const partitions = r.compactArray((r) => {
					const p: MetadataPartition = {
						errorCode: r.int16(),
						partition: r.int32(),
						leader: r.int32(),
						leaderEpoch: r.int32(),
						replicas: r.compactArray((r) => r.int32()),
						isr: r.compactArray((r) => r.int32()),
						offlineReplicas: r.compactArray((r) => r.int32()),
					};
					r.tags();
					return p;
				});
				r.int32(); // topic authorized operations
				r.tags();
				const topicId = id && !id.equals(ZERO_UUID) ? uuidString(id) : null;
				return {errorCode, name, topicId, internal, partitions};
			});
			if (version <= 10) r.int32(); // cluster authorized operations
			r.tags();
			return {brokers, clusterId, controllerId, topics};
		},
	);
}
