// One broker address kcon talks to: kafkajs's Broker + ConnectionPool for it (TLS, SASL,
// ApiVersions; kafkajs/broker.ts), and the requests sent on it (transport.ts). The gateway and the
// actions both reach brokers through Nodes.
//
// What a broker speaks is known only once its ApiVersions has been answered, so it lives on a Link,
// and a Link exists only as the result of Node.connect(). Code that holds a Link cannot ask a
// broker's versions too early: kafkajs's pool counts as connected as soon as its socket is open,
// before ApiVersions has come back, and reading the versions in that window made a live broker look
// as if it spoke no version kcon implements.
import type {WireRequest} from '../codec/request.js';
import type {KjsBroker} from '../kafkajs/broker.js';
import {sendRequest} from './transport.js';
import type {ReadOnlyFlag} from './write-guard.js';

export type VersionRange = {minVersion: number; maxVersion: number};

/** One broker address and kafkajs's connection objects for it, kept across requests. */
export class Node {
	private connecting: Promise<Link> | null = null;
	private link: Link | null = null;
	error: string | undefined;
	/** requests sent since creation (for the benchmark's request count) */
	sent = 0;

	constructor(
		readonly address: string,
		readonly broker: KjsBroker,
		/** what this node may send; a node given no flag only reads */
		private readonly access: ReadOnlyFlag = {readOnly: true},
	) {}

	/** Connects (ApiVersions + SASL) unless connected; remembers the failure text. */
	connect(): Promise<Link> {
		// an attempt under way is joined, never overtaken: its ApiVersions may not have answered yet
		if (this.connecting) return this.connecting;
		if (this.link && this.broker.isConnected()) return Promise.resolve(this.link);
		this.connecting = this.broker
			.connect()
			.then(() => {
				const versions = this.broker.versions;
				if (!versions) throw new Error('connected, but the broker did not answer ApiVersions');
				this.error = undefined;
				this.link = new Link(this, versions);
				return this.link;
			})
			.catch((error: unknown) => {
				this.error = describeError(error);
				// the text without kafkajs's prefix; the name tells a connection failure from others
				const failed = new Error(this.error, {cause: error});
				if (error instanceof Error) failed.name = error.name;
				throw failed;
			})
			.finally(() => {
				this.connecting = null;
			});
		return this.connecting;
	}

	async send<T>(request: WireRequest<T>): Promise<T> {
		await this.connect();
		this.sent++;
		return sendRequest<T>(this.access, this.broker, request);
	}

	/** Ends the connection; a later send connects again. */
	async close(): Promise<void> {
		this.link = null;
		await this.broker.disconnect().catch(() => {});
	}
}

/** A broker that has answered ApiVersions: the versions both sides speak, and requests sent to it. */
export class Link {
	constructor(
		readonly node: Node,
		private readonly versions: Readonly<Record<number, VersionRange>>,
	) {}

	get address(): string {
		return this.node.address;
	}

	/** the version range the broker supports for an API key, undefined when it lacks the API */
	range(apiKey: number): VersionRange | undefined {
		return this.versions[apiKey];
	}

	maxVersion(apiKey: number): number | undefined {
		return this.versions[apiKey]?.maxVersion;
	}

	supports(apiKey: number, version: number): boolean {
		const v = this.versions[apiKey];
		return v !== undefined && v.minVersion <= version && v.maxVersion >= version;
	}

	/** The best version in [min, max] both sides speak, or undefined. */
	pick(apiKey: number, min: number, max: number): number | undefined {
		const v = this.versions[apiKey];
		if (!v) return undefined;
		const best = Math.min(max, v.maxVersion);
		return best >= Math.max(min, v.minVersion) ? best : undefined;
	}

	/** Sends on the node (reconnecting if its connection dropped since). */
	send<T>(request: WireRequest<T>): Promise<T> {
		return this.node.send(request);
	}
}

export function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/^Connection error: /, '');
}
