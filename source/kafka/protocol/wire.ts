// Shared shape of kcon's protocol extensions: a request kafkajs's Connection can send, built with
// kafkajs's own Encoder, and a response decoded with its Decoder. Field order follows Kafka's JSON
// message specs (clients/src/main/resources/common/message/*.json).
import Encoder from 'kafkajs/src/protocol/encoder.js';
import Decoder from 'kafkajs/src/protocol/decoder.js';
import {errorCodes} from 'kafkajs/src/protocol/error.js';

export {Encoder, Decoder};

export interface ProtocolRequest {
	apiKey: number;
	apiVersion: number;
	apiName: string;
	encode: () => Promise<Encoder>;
}

export interface ProtocolResponse<T> {
	decode: (payload: Buffer) => Promise<T>;
	parse: (data: T) => Promise<T>;
}

export interface Protocol<T> {
	request: ProtocolRequest;
	response: ProtocolResponse<T>;
}

/** A response whose parse step never throws: callers inspect the error codes themselves. */
export function responseOf<T>(decode: (payload: Buffer) => T): ProtocolResponse<T> {
	return {decode: async (payload) => decode(payload), parse: async (data) => data};
}

/** Kafka's name for an error code, e.g. 84 -> ELECTION_NOT_NEEDED. */
export function errorName(code: number): string {
	if (code === 0) return 'NONE';
	return errorCodes.find((e) => e.code === code)?.type ?? `ERROR_${code}`;
}

/** Compact (flexible-version) nullable array of int32: length+1 as unsigned varint, 0 = null. */
export function writeCompactInt32Array(encoder: Encoder, values: readonly number[] | null): Encoder {
	if (values === null) return encoder.writeUVarInt(0);
	encoder.writeUVarInt(values.length + 1);
	for (const value of values) encoder.writeInt32(value);
	return encoder;
}

/** Classic (non-flexible) array of int32: INT32 length, -1 = null. */
export function writeInt32Array(encoder: Encoder, values: readonly number[] | null): Encoder {
	if (values === null) return encoder.writeInt32(-1);
	encoder.writeInt32(values.length);
	for (const value of values) encoder.writeInt32(value);
	return encoder;
}

/** Classic array of sub-structures; null writes length -1. */
export function writeStructArray<T>(encoder: Encoder, items: readonly T[] | null, write: (e: Encoder, item: T) => void): Encoder {
	if (items === null) return encoder.writeInt32(-1);
	encoder.writeInt32(items.length);
	for (const item of items) write(encoder, item);
	return encoder;
}

/** Compact array of sub-structures (each followed by its own tagged-field section by the writer). */
export function writeCompactStructArray<T>(
	encoder: Encoder,
	items: readonly T[] | null,
	write: (e: Encoder, item: T) => void,
): Encoder {
	if (items === null) return encoder.writeUVarInt(0);
	encoder.writeUVarInt(items.length + 1);
	for (const item of items) write(encoder, item);
	return encoder;
}

/** An empty tagged-field section. */
export function writeEmptyTags(encoder: Encoder): Encoder {
	return encoder.writeUVarInt(0);
}

/** Classic array reader that maps -1 (null) to []. */
export function readArray<T>(decoder: Decoder, read: (d: Decoder) => T): T[] {
	const length = decoder.readInt32();
	if (length < 0) return [];
	const out: T[] = [];
	for (let i = 0; i < length; i++) out.push(read(decoder));
	return out;
}

/** Compact array reader that maps null to []. */
export function readCompactArray<T>(decoder: Decoder, read: (d: Decoder) => T): T[] {
	return decoder.readUVarIntArray(read) ?? [];
}
