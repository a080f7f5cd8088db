// ElectLeaders (apiKey 43), version 1: non-flexible, has ElectionType; Kafka 2.4 … 4.x accept it.
// Request v1:  ElectionType int8, TopicPartitions []{Topic string, PartitionId []int32} (null = all),
//              TimeoutMs int32
// Response v1: ThrottleTimeMs int32, ErrorCode int16,
//              ReplicaElectionResults []{Topic string, PartitionResult []{PartitionId int32,
//              ErrorCode int16, ErrorMessage nullable string}}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const ELECT_LEADERS = 43;
export const PREFERRED = 0;
export const UNCLEAN = 1;

export interface ElectLeadersArgs {
	/** 0 = preferred replica, 1 = unclean */
	electionType?: number;
	/** null elects for every partition in the cluster */
	topicPartitions: Array<{topic: string; partitions: number[]}> | null;
	timeoutMs?: number;
}

export interface ElectionResult {
	topic: string;
	partition: number;
	errorCode: number;
	error: string | null;
	errorMessage: string | null;
}

export interface ElectLeadersResult {
	throttleTimeMs: number;
	errorCode: number;
	results: ElectionResult[];
}

const body = (args: ElectLeadersArgs) => (w: Writer) => {
	w.int8(args.electionType ?? PREFERRED);
	w.array(args.topicPartitions, (w, tp) => w.string(tp.topic).array(tp.partitions, (w, p) => w.int32(p)));
	w.int32(args.timeoutMs ?? 30000);
};

function decode(r: Reader): ElectLeadersResult {
	const throttleTimeMs = r.int32();
	const errorCode = r.int16();
	const results: ElectionResult[] = [];
	r.array((r) => {
		const topic = r.string() ?? '';
		r.array((r) => {
			const partition = r.int32();
			const code = r.int16();
			const errorMessage = r.string();
			results.push({topic, partition, errorCode: code, error: code ? errorName(code) : null, errorMessage});
		});
	});
	return {throttleTimeMs, errorCode, results};
}

export const encodeElectLeaders = (args: ElectLeadersArgs): Encoded => encodeBody(false, body(args));
export const decodeElectLeaders = (payload: Buffer): ElectLeadersResult => decodeBody(payload, false, decode);

export function electLeaders(args: ElectLeadersArgs): WireRequest<ElectLeadersResult> {
	return wire(ELECT_LEADERS, 'ElectLeaders', 1, false, body(args), decode);
}
