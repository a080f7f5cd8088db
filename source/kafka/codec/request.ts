// The shape every request kcon encodes itself shares, and the one place flexible versions are
// handled. kcon encodes its requests itself because kafkajs 2.2.4 either lacks the version
// (ConsumerGroupDescribe, DescribeTopicPartitions, FindCoordinator/OffsetFetch for many groups,
// Metadata with topic ids) or throws on per-item errors (tulios/kafkajs#1460), and cannot cancel
// a reassignment (null replicas). A request here is what kafkajs's Connection#send takes (the connection under every kcon
// client, see connection/node.ts): an API key and version, an encode() giving the body, and a
// response decode that never throws on an error code, so the caller decides what each one means.
//
// Codecs (one file per API beside this one) write a body with a Writer and read one with a Reader
// (primitives.ts); field order follows Kafka's JSON message specs
// (clients/src/main/resources/common/message/*.json). kafkajs writes request header v1; a flexible
// version needs header v2 = v1 + an empty tagged-field section, and its response header v1 starts
// with tagged fields, so wire() adds and skips those and no codec has to.
import {Reader, Writer} from './primitives.js';

/** An encoded body, in the shape kafkajs's request encoder accepts (it checks for `buf`). */
export interface Encoded {
	buf: Buffer;
	buffer: Buffer;
}

/** A request in the shape kafkajs's Connection#send expects, decoded without throwing. */
export interface WireRequest<T> {
	request: {apiKey: number; apiVersion: number; apiName: string; encode: () => Promise<Encoded>};
	response: {decode: (payload: Buffer) => Promise<T>; parse: (data: T) => Promise<T>};
}

/**
 * The API keys of the requests that only read (every one is in connection/write-guard.ts's READ_APIS,
 * which a unit test checks). A request that changes the cluster names its key in its own codec file.
 */
export const ApiKey = {
	ListOffsets: 2,
	Metadata: 3,
	OffsetFetch: 9,
	FindCoordinator: 10,
	DescribeGroups: 15,
	ListGroups: 16,
	ApiVersions: 18,
	DescribeConfigs: 32,
	DescribeLogDirs: 35,
	ListPartitionReassignments: 46,
	DescribeQuorum: 55,
	DescribeCluster: 60,
	ConsumerGroupDescribe: 69,
	DescribeTopicPartitions: 75,
	ShareGroupDescribe: 77,
	StreamsGroupDescribe: 89,
	DescribeShareGroupOffsets: 90,
} as const;

/** The body `write` produces, after the request header's tagged fields when `flexible`. */
export function encodeBody(flexible: boolean, write: (w: Writer) => void): Encoded {
	const w = new Writer();
	if (flexible) w.tags();
	write(w);
	const buf = w.buffer();
	return {buf, buffer: buf};
}

/** `decode` applied to a response body, after the response header's tagged fields when `flexible`. */
export function decodeBody<T>(payload: Buffer, flexible: boolean, decode: (r: Reader) => T): T {
	const r = new Reader(payload);
	if (flexible) r.tags();
	return decode(r);
}

/** A WireRequest from a body writer and a response decoder. */
export function wire<T>(
	apiKey: number,
	apiName: string,
	apiVersion: number,
	flexible: boolean,
	body: (w: Writer) => void,
	decode: (r: Reader) => T,
): WireRequest<T> {
	return {
		request: {apiKey, apiVersion, apiName, encode: async () => encodeBody(flexible, body)},
		response: {decode: async (payload: Buffer) => decodeBody(payload, flexible, decode), parse: async (data: T) => data},
	};
}

/** Kafka's textual Uuid: base64url without padding; the zero uuid is "AAAAAAAAAAAAAAAAAAAAAA". */
export function uuidString(bytes: Buffer): string {
	return bytes.toString('base64url');
}
