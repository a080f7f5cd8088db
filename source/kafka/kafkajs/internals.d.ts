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

declare module 'kafkajs/src/network/requestQueue/index.js' {
	const RequestQueue: unknown;
	export default RequestQueue;
}

declare module 'kafkajs/src/cluster/index.js' {
	const Cluster: unknown;
	export default Cluster;
}

declare module 'kafkajs/src/protocol/requests/metadata/index.js' {
	const MetadataRequests: unknown;
	export default MetadataRequests;
}

declare module 'kafkajs/src/protocol/requests/index.js' {
	const requests: {requests: {Fetch: unknown}};
	export default requests;
}

declare module 'kafkajs/src/protocol/requests/apiKeys.js' {
	const apiKeys: {Fetch: number};
	export default apiKeys;
}
