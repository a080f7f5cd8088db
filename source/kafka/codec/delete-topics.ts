// DeleteTopics (apiKey 20), version 3: non-flexible, by name; Kafka 2.1 … 4.x accept it (4.0
// dropped v0). It has no ValidateOnly, so kcon checks the topic against fresh metadata first.
// Request v3:  TopicNames []string, TimeoutMs int32
// Response v3: ThrottleTimeMs int32, Responses []{Name string, ErrorCode int16}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const DELETE_TOPICS = 20;

export interface DeleteTopicsResult {
	throttleTimeMs: number;
	topics: Array<{name: string; errorCode: number; error: string | null}>;
}

const body = (names: string[], timeoutMs: number) => (w: Writer) => {
	w.array(names, (w, n) => w.string(n));
	w.int32(timeoutMs);
};

function decode(r: Reader): DeleteTopicsResult {
	const throttleTimeMs = r.int32();
	const topics = r.array((r) => {
		const name = r.string() ?? '';
		const errorCode = r.int16();
		return {name, errorCode, error: errorCode ? errorName(errorCode) : null};
	});
	return {throttleTimeMs, topics};
}

export const encodeDeleteTopics = (names: string[], timeoutMs: number): Encoded => encodeBody(false, body(names, timeoutMs));
export const decodeDeleteTopics = (payload: Buffer): DeleteTopicsResult => decodeBody(payload, false, decode);

export function deleteTopics(names: string[], timeoutMs = 30000): WireRequest<DeleteTopicsResult> {
	return wire(DELETE_TOPICS, 'DeleteTopics', 3, false, body(names, timeoutMs), decode);
}
