// DescribeCluster v2 (flexible; KIP-1073, Kafka ≥ 4.0) asked with IncludeFencedBrokers: every
// registered broker with its IsFenced flag. Metadata lists only unfenced brokers, so this is how a
// broker the controller has fenced (stopped, or not yet caught up) is named with its address
// instead of being inferred from the replica lists.
import {ApiKey, wire, type WireRequest} from './request.js';

export interface ClusterBrokerWire {
	brokerId: number;
	host: string;
	port: number;
	rack: string | null;
	fenced: boolean;
}

export interface DescribeClusterResponse {
	errorCode: number;
	errorMessage: string | null;
	clusterId: string;
	brokers: ClusterBrokerWire[];
}

export function describeClusterRequest(): WireRequest<DescribeClusterResponse> {
	return wire(
		ApiKey.DescribeCluster,
		'DescribeCluster',
		2,
		true,
		(w) => {
			w.bool(false); // IncludeClusterAuthorizedOperations
			w.int8(1); // EndpointType: brokers
			w.bool(true); // IncludeFencedBrokers
			w.tags();
		},
		(r) => {
			r.int32(); // throttle
			const errorCode = r.int16();
			const errorMessage = r.compactString();
			r.int8(); // EndpointType
			const clusterId = r.compactString() ?? '';
			r.int32(); // ControllerId
			const brokers = r.compactArray((r): ClusterBrokerWire => {
				const brokerId = r.int32();
				const host = r.compactString() ?? '';
				const port = r.int32();
				const rack = r.compactString();
				const fenced = r.bool();
				r.tags();
				return {brokerId, host, port, rack, fenced};
			});
			r.int32(); // ClusterAuthorizedOperations
			r.tags();
			return {errorCode, errorMessage, clusterId, brokers};
		},
	);
}
