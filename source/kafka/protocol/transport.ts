// One kafkajs Broker per address, used to send kcon's protocol extensions. It connects straight to
// host:port (ApiVersions + SASL through kafkajs), without the cluster's metadata refresh, so it keeps
// working while some partitions have no leader (kafkajs#1460 makes metadata throw then).
import {tlsFileOptions} from '../client.js';
import {guardedSocketFactory} from '../connection-guard.js';
import Broker from 'kafkajs/src/broker/index.js';
import ConnectionPool from 'kafkajs/src/network/connectionPool.js';
import {createLogger, LEVELS} from 'kafkajs/src/loggers/index.js';
import type {Protocol} from './wire.js';
import {guardRequest, type ReadOnlyFlag} from '../write-guard.js';

export interface LinkSecurity {
	sasl?: {mechanism: string; username: string; password: string};
	ssl?: {ca?: string; cert?: string; key?: string; passphrase?: string; servername?: string; rejectUnauthorized: boolean};
}

export interface LinkOptions extends LinkSecurity, ReadOnlyFlag {
	clientId?: string;
	connectionTimeout?: number;
	requestTimeout?: number;
}

export class UnsupportedVersionError extends Error {
	constructor(
		readonly apiName: string,
		readonly version: number,
		readonly range: {minVersion: number; maxVersion: number} | undefined,
	) {
		super(
			range
				? `the broker does not support ${apiName} v${version} (it supports v${range.minVersion}–v${range.maxVersion})`
				: `the broker does not support ${apiName}`,
		);
		this.name = 'UnsupportedVersionError';
	}
}

const quietLogger = () => createLogger({level: LEVELS.NOTHING, logCreator: () => () => {}});

/** A connection to one broker address that sends kcon's protocol extensions. */
export class BrokerLink {
	private broker: Broker;
	private connected = false;
	private readonly access: ReadOnlyFlag;

	constructor(
		readonly address: string,
		options: LinkOptions,
	) {
		this.access = {readOnly: options.readOnly, ...(options.context === undefined ? {} : {context: options.context})};
		const at = address.lastIndexOf(':');
		const host = address.slice(0, at).replace(/^\[|\]$/g, '');
		const port = Number(address.slice(at + 1));
		const logger = quietLogger();
		const connectionPool = new ConnectionPool({
			host,
			port,
			logger,
			socketFactory: guardedSocketFactory({readOnly: options.readOnly}),
			clientId: options.clientId ?? 'kcon',
			connectionTimeout: options.connectionTimeout ?? 3000,
			requestTimeout: options.requestTimeout ?? 35000,
			enforceRequestTimeout: true,
			ssl: options.ssl ? tlsFileOptions(options.ssl) : null,
			sasl: options.sasl ?? null,
		});
		this.broker = new Broker({connectionPool, logger, authenticationTimeout: 10000});
	}

	async connect(): Promise<void> {
		if (this.connected) return;
		await this.broker.connect();
		this.connected = true;
	}

	/** the version range the broker supports for an API key, undefined when it lacks the API */
	versions(apiKey: number): {minVersion: number; maxVersion: number} | undefined {
		return this.broker.versions?.[apiKey];
	}

	/** Sends one request; in read-only mode anything but a read is refused before a byte leaves. */
	async send<T>(protocol: Protocol<T>): Promise<T> {
		guardRequest(this.access, protocol.request);
		await this.connect();
		const {apiKey, apiVersion, apiName} = protocol.request;
		const range = this.versions(apiKey);
		if (!range || apiVersion < range.minVersion || apiVersion > range.maxVersion) {
			throw new UnsupportedVersionError(apiName, apiVersion, range);
		}
		return this.broker.connectionPool.send<T>({...protocol, logResponseError: false});
	}

	async close(): Promise<void> {
		this.connected = false;
		await this.broker.disconnect().catch(() => {});
	}
}
