// A Node for kcon's actions: one broker address, connected straight to host:port (ApiVersions +
// SASL through kafkajs) without the cluster's metadata refresh, so it keeps working while some
// partitions have no leader (kafkajs#1460 makes metadata throw then). It refuses a write in
// read-only mode before it connects, and a version the broker does not speak before it sends.
import type {WireRequest} from '../codec/request.js';
import {createKjsBroker} from '../kafkajs/broker.js';
import {tlsFileOptions} from './client-config.js';
import {guardedSocketFactory} from './connection-guard.js';
import {Node} from './node.js';
import {guardRequest, type ReadOnlyFlag} from './write-guard.js';

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

/** A connection to one broker address that sends kcon's actions. */
export class BrokerLink {
	private readonly node: Node;
	private readonly access: ReadOnlyFlag;

	constructor(
		readonly address: string,
		options: LinkOptions,
	) {
		this.access = {readOnly: options.readOnly, ...(options.context === undefined ? {} : {context: options.context})};
		const at = address.lastIndexOf(':');
		const broker = createKjsBroker({
			host: address.slice(0, at).replace(/^\[|\]$/g, ''),
			port: Number(address.slice(at + 1)),
			socketFactory: guardedSocketFactory({readOnly: options.readOnly}),
			clientId: options.clientId ?? 'kcon',
			connectionTimeout: options.connectionTimeout ?? 3000,
			requestTimeout: options.requestTimeout ?? 35000,
			authenticationTimeout: 10000,
			ssl: options.ssl ? tlsFileOptions(options.ssl) : null,
			sasl: options.sasl ?? null,
		});
		this.node = new Node(address, broker, this.access);
	}

	/** Sends one request; in read-only mode anything but a read is refused before it connects. */
	async send<T>(protocol: WireRequest<T>): Promise<T> {
		guardRequest(this.access, protocol.request);
		const link = await this.node.connect();
		const {apiKey, apiVersion, apiName} = protocol.request;
		if (!link.supports(apiKey, apiVersion)) throw new UnsupportedVersionError(apiName, apiVersion, link.range(apiKey));
		return link.send(protocol);
	}

	async close(): Promise<void> {
		await this.node.close();
	}
}
