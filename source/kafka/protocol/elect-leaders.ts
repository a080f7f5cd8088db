// ElectLeaders (apiKey 43), version 1: non-flexible, has ElectionType; Kafka 2.4 … 4.x accept it.
// Request v1:  ElectionType int8, TopicPartitions []{Topic string, PartitionId []int32} (null = all),
//              TimeoutMs int32
// Response v1: ThrottleTimeMs int32, ErrorCode int16,
//              ReplicaElectionResults []{Topic string, PartitionResult []{PartitionId int32,
//              ErrorCode int16, ErrorMessage nullable string}}
import {Decoder, Encoder, errorName, readArray, responseOf, writeInt32Array, writeStructArray, type Protocol} from './wire.js';

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

export function encodeElectLeaders(args: ElectLeadersArgs): Encoder {
	const encoder = new Encoder().writeInt8(args.electionType ?? PREFERRED);
	writeStructArray(encoder, args.topicPartitions, (e, tp) => {
		e.writeString(tp.topic);
		writeInt32Array(e, tp.partitions);
	});
	return encoder.writeInt32(args.timeoutMs ?? 30000);
}

export function decodeElectLeaders(payload: Buffer): ElectLeadersResult {
	const d = new Decoder(payload);
	const throttleTimeMs = d.readInt32();
	const errorCode = d.readInt16();
	const results: ElectionResult[] = [];
	readArray(d, (td) => {
		const topic = td.readString() ?? '';
		readArray(td, (pd) => {
			const partition = pd.readInt32();
			const code = pd.readInt16();
			const errorMessage = pd.readString();
			results.push({topic, partition, errorCode: code, error: code ? errorName(code) : null, errorMessage});
		});
	});
	return {throttleTimeMs, errorCode, results};
}

export function electLeaders(args: ElectLeadersArgs): Protocol<ElectLeadersResult> {
	return {
		request: {apiKey: ELECT_LEADERS, apiVersion: 1, apiName: 'ElectLeaders', encode: async () => encodeElectLeaders(args)},
		response: responseOf(decodeElectLeaders),
	};
}
