// Kafka wire codecs the gateway sends itself on kafkajs's connections, because kafkajs 2.2.4 either
// lacks the version or throws on per-item errors (tulios/kafkajs#1460):
//   Metadata v9–v12  (flexible): tolerant of partition/topic errors, brings topic ids and racks
//   FindCoordinator v4 (flexible): many group ids in one request
//   OffsetFetch v8    (flexible): many groups in one request
//   ListOffsets v2+   (non-flexible): per-partition errors become values, not exceptions
//   DescribeGroups v0–v4, ListGroups v0–v5, DescribeConfigs v1–v4: decoded without throwing
//   ConsumerGroupDescribe v0–v1 (flexible): KIP-848 groups, which kafkajs does not know
// Every decoder returns plain data with error codes; the gateway decides what they mean.
// This module holds the shape they share (a request kafkajs's Connection#send takes, with request
// and response headers) and the API keys; the codecs are in the modules beside it (one per API, the group ones in pairs).
import {Reader, Writer} from './primitives.js';

/** A request in the shape kafkajs's Connection#send expects, decoded without throwing. */
export interface WireRequest<T> {
	request: {apiKey: number; apiVersion: number; apiName: string; encode: () => Promise<{buf: Buffer; buffer: Buffer}>};
	response: {decode: (payload: Buffer) => Promise<T>; parse: (data: T) => Promise<T>};
}

export const ApiKey = {
	ListOffsets: 2,
	Metadata: 3,
	OffsetFetch: 9,
	FindCoordinator: 10,
	DescribeGroups: 15,
	ListGroups: 16,
	ApiVersions: 18,
	DescribeConfigs: 32,
	ListPartitionReassignments: 46,
	ConsumerGroupDescribe: 69,
	DescribeTopicPartitions: 75,
} as const;

/** A WireRequest from a body writer and a response decoder; flexible adds the tagged-field headers. */
export function wire<T>(
	apiKey: number,
	apiName: string,
	apiVersion: number,
	flexible: boolean,
	body: (w: Writer) => void,
	decode: (r: Reader) => T,
): WireRequest<T> {
	return {
		request: {
			apiKey,
			apiVersion,
			apiName,
			encode: async () => {
				const w = new Writer();
				// kafkajs writes request header v1; a flexible request needs header v2 = v1 + tagged fields
				if (flexible) w.tags();
				body(w);
				const buf = w.buffer();
				return {buf, buffer: buf};
			},
		},
		response: {
			decode: async (payload: Buffer) => {
				const r = new Reader(payload);
				if (flexible) r.tags(); // response header v1
				return decode(r);
			},
			parse: async (data: T) => data,
		},
	};
}

/** Kafka's textual Uuid: base64url without padding; the zero uuid is "AAAAAAAAAAAAAAAAAAAAAA". */
export function uuidString(bytes: Buffer): string {
	return bytes.toString('base64url');
}
