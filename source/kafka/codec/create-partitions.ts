// CreatePartitions (apiKey 37), version 1: non-flexible; Kafka 2.0 … 4.x accept it. Count is the
// new total; Assignments (null = the controller places them) lists the replicas of each new one.
// Request v1:  Topics []{Name string, Count int32, Assignments nullable []{BrokerIds []int32}},
//              TimeoutMs int32, ValidateOnly bool
// Response v1: ThrottleTimeMs int32, Results []{Name string, ErrorCode int16, ErrorMessage nullable string}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const CREATE_PARTITIONS = 37;

export interface PartitionIncrease {
	topic: string;
	/** the new total number of partitions */
	count: number;
	/** the replicas of each new partition, in order; null lets the controller place them */
	assignments: number[][] | null;
}

export interface CreatePartitionsResult {
	throttleTimeMs: number;
	topics: Array<{name: string; errorCode: number; error: string | null; errorMessage: string | null}>;
}

const body = (increases: PartitionIncrease[], timeoutMs: number, validateOnly: boolean) => (w: Writer) => {
	w.array(increases, (w, t) => {
		w.string(t.topic).int32(t.count);
		w.array(t.assignments, (w, brokers) => w.array(brokers, (w, b) => w.int32(b)));
	});
	w.int32(timeoutMs).bool(validateOnly);
};

function decode(r: Reader): CreatePartitionsResult {
	const throttleTimeMs = r.int32();
	const topics = r.array((r) => {
		const name = r.string() ?? '';
		const errorCode = r.int16();
		const errorMessage = r.string();
		return {name, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage};
	});
	return {throttleTimeMs, topics};
}

export const encodeCreatePartitions = (increases: PartitionIncrease[], timeoutMs: number, validateOnly: boolean): Encoded =>
	encodeBody(false, body(increases, timeoutMs, validateOnly));
export const decodeCreatePartitions = (payload: Buffer): CreatePartitionsResult => decodeBody(payload, false, decode);

export function createPartitions(increases: PartitionIncrease[], {timeoutMs = 30000, validateOnly = false}: {timeoutMs?: number; validateOnly?: boolean} = {}): WireRequest<CreatePartitionsResult> {
	return wire(CREATE_PARTITIONS, 'CreatePartitions', 1, false, body(increases, timeoutMs, validateOnly), decode);
}
