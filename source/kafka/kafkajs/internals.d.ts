// Types for the parts of kafkajs 2.2.4's internals that source/kafka/kafkajs/ imports. kafkajs
// ships no types for src/; these cover only what this folder uses, and nothing outside it may
// import kafkajs/src/ (it wraps them in kcon's own types instead).

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
		constructor(options: {connectionPool: ConnectionPool; logger: unknown; nodeId?: number; allowAutoTopicCreation?: boolean; authenticationTimeout?: number});
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
