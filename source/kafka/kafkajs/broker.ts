// kafkajs 2.2.4's per-address connection objects (Broker + ConnectionPool): TLS, SASL and
// ApiVersions on one broker, and a send() that takes any request in codec/request.ts's shape. Every
// client kcon drives with its own requests (the gateway, the actions) gets its broker here.
import Broker from 'kafkajs/src/broker/index.js';
import ConnectionPool from 'kafkajs/src/network/connectionPool.js';
import {quietLogger} from './logger.js';

/** The subset of kafkajs's Broker kcon uses. */
export interface KjsBroker {
	versions: Record<number, {minVersion: number; maxVersion: number}> | null;
	connect(): Promise<void>;
	disconnect(): Promise<void>;
	isConnected(): boolean;
	connectionPool: {send<T>(request: unknown): Promise<T>};
}

export interface KjsBrokerOptions {
	host: string;
	port: number;
	/** a kafkajs socketFactory (connection/connection-guard.ts) */
	socketFactory: unknown;
	ssl: Record<string, unknown> | null;
	sasl: unknown;
	clientId: string;
	connectionTimeout: number;
	requestTimeout: number;
	authenticationTimeout: number;
}

export function createKjsBroker(options: KjsBrokerOptions): KjsBroker {
	const logger = quietLogger();
	const connectionPool = new ConnectionPool({
		host: options.host,
		port: options.port,
		logger,
		socketFactory: options.socketFactory,
		ssl: options.ssl,
		sasl: options.sasl,
		clientId: options.clientId,
		connectionTimeout: options.connectionTimeout,
		requestTimeout: options.requestTimeout,
		enforceRequestTimeout: true,
	});
	return new Broker({
		connectionPool,
		logger,
		allowAutoTopicCreation: false,
		authenticationTimeout: options.authenticationTimeout,
	}) as unknown as KjsBroker;
}
