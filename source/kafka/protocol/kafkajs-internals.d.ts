// Types for the parts of kafkajs 2.2.4's internals that kcon's protocol extensions build on.
// kafkajs ships no types for src/; these cover only what source/kafka/protocol uses.

declare module 'kafkajs/src/protocol/encoder.js' {
	export default class Encoder {
		constructor(initialSize?: number);
		get buffer(): Buffer;
		size(): number;
		writeInt8(value: number): this;
		writeInt16(value: number): this;
		writeInt32(value: number): this;
		writeInt64(value: number | string | bigint): this;
		writeBoolean(value: boolean): this;
		writeString(value: string | null): this;
		writeArray(array: unknown[], type?: 'int32' | 'number' | 'string' | 'object', length?: number): this;
		writeUVarInt(value: number): this;
		writeUVarIntString(value: string | null): this;
		writeUVarIntBytes(value?: Buffer | string | null): this;
		writeUVarIntArray(array: unknown[] | null, type?: 'object'): this;
		writeEncoder(value: Encoder): this;
		writeEncoderArray(value: Encoder[]): this;
		writeBuffer(value: Buffer): this;
	}
}

declare module 'kafkajs/src/protocol/decoder.js' {
	export default class Decoder {
		constructor(buffer: Buffer);
		offset: number;
		readInt8(): number;
		readInt16(): number;
		readInt32(): number;
		readInt64(): bigint;
		readBoolean(): boolean;
		readString(): string | null;
		readArray<T>(reader: (decoder: Decoder) => T): T[];
		readUVarInt(): number;
		readUVarIntString(): string | null;
		readUVarIntArray<T>(reader: (decoder: Decoder) => T): T[] | null;
		readTaggedFields(): unknown;
		canReadBytes(length: number): boolean;
	}
}

declare module 'kafkajs/src/protocol/error.js' {
	export const errorCodes: Array<{type: string; code: number; retriable: boolean; message: string}>;
}

declare module 'kafkajs/src/network/connectionPool.js' {
	export default class ConnectionPool {
		constructor(options: Record<string, unknown>);
		send<T>(protocol: {request: unknown; response: unknown; requestTimeout?: number | null; logResponseError?: boolean}): Promise<T>;
		destroy(): Promise<void>;
		isConnected(): boolean;
	}
}

declare module 'kafkajs/src/broker/index.js' {
	import type ConnectionPool from 'kafkajs/src/network/connectionPool.js';
	export default class Broker {
		constructor(options: {connectionPool: ConnectionPool; logger: unknown; nodeId?: number; authenticationTimeout?: number});
		connectionPool: ConnectionPool;
		versions: Record<number, {minVersion: number; maxVersion: number}> | null;
		connect(): Promise<void>;
		disconnect(): Promise<void>;
	}
}

declare module 'kafkajs/src/loggers/index.js' {
	export const LEVELS: {NOTHING: number; ERROR: number; WARN: number; INFO: number; DEBUG: number};
	export function createLogger(options: {level?: number; logCreator?: unknown}): unknown;
}
