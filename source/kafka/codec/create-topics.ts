// CreateTopics (apiKey 19), version 4: the newest non-flexible version; Kafka 2.4 … 4.x accept it
// (4.0 dropped v0–v1). v1+ has ValidateOnly, which kcon sends first so the broker checks the
// replication factor, the assignment and every config before anything is created.
// Request v4:  Topics []{Name string, NumPartitions int32, ReplicationFactor int16,
//              Assignments []{PartitionIndex int32, BrokerIds []int32},
//              Configs []{Name string, Value nullable string}}, TimeoutMs int32, ValidateOnly bool
// Response v4: ThrottleTimeMs int32, Topics []{Name string, ErrorCode int16, ErrorMessage nullable string}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const CREATE_TOPICS = 19;

export interface NewTopic {
	name: string;
	/** -1 with an assignment (the assignment says how many) */
	partitions: number;
	/** -1 with an assignment */
	replicationFactor: number;
	/** partition → broker ids; empty lets the controller place the replicas */
	assignment: Array<{partition: number; brokers: number[]}>;
	configs: Array<{name: string; value: string}>;
}

export interface TopicResult {
	name: string;
	errorCode: number;
	error: string | null;
	errorMessage: string | null;
}

export interface CreateTopicsResult {
	throttleTimeMs: number;
	topics: TopicResult[];
}

const body = (topics: NewTopic[], timeoutMs: number, validateOnly: boolean) => (w: Writer) => {
	w.array(topics, (w, t) => {
		w.string(t.name).int32(t.partitions).int16(t.replicationFactor);
		w.array(t.assignment, (w, a) => w.int32(a.partition).array(a.brokers, (w, b) => w.int32(b)));
		w.array(t.configs, (w, c) => w.string(c.name).string(c.value));
	});
	w.int32(timeoutMs).bool(validateOnly);
};

function decode(r: Reader): CreateTopicsResult {
	const throttleTimeMs = r.int32();
	const topics = r.array((r) => {
		const name = r.string() ?? '';
		const errorCode = r.int16();
		const errorMessage = r.string();
		return {name, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage};
	});
	return {throttleTimeMs, topics};
}

export const encodeCreateTopics = (topics: NewTopic[], timeoutMs: number, validateOnly: boolean): Encoded => encodeBody(false, body(topics, timeoutMs, validateOnly));
export const decodeCreateTopics = (payload: Buffer): CreateTopicsResult => decodeBody(payload, false, decode);

export function createTopics(topics: NewTopic[], {timeoutMs = 30000, validateOnly = false}: {timeoutMs?: number; validateOnly?: boolean} = {}): WireRequest<CreateTopicsResult> {
	return wire(CREATE_TOPICS, 'CreateTopics', 4, false, body(topics, timeoutMs, validateOnly), decode);
}
