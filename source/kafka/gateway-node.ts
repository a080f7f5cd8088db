// One broker address the gateway talks to: kafkajs's Broker + ConnectionPool for it (TLS, SASL,
// ApiVersions), the versions both sides speak, and the gateway's own requests sent on it.
import type {KjsBroker} from './client.js';
import type {WireRequest} from './wire/request.js';

/** One broker address and kafkajs's connection objects for it, kept across snapshots. */
export class Node {
	private connecting: Promise<void> | null = null;
	error: string | undefined;
	/** requests sent since creation (for the benchmark's request count) */
	sent = 0;

	constructor(
		readonly address: string,
		readonly broker: KjsBroker,
	) {}

	/** Connects (ApiVersions + SASL) unless connected; remembers the failure text. */
	connect(): Promise<void> {
		if (this.broker.isConnected()) return Promise.resolve();
		if (!this.connecting) {
			this.connecting = this.broker
				.connect()
				.then(() => {
					this.error = undefined;
				})
				.catch((error: unknown) => {
					this.error = describeError(error);
					throw new Error(this.error);
				})
				.finally(() => {
					this.connecting = null;
				});
		}
		return this.connecting;
	}

	maxVersion(apiKey: number): number | undefined {
		const v = this.broker.versions?.[apiKey];
		return v ? v.maxVersion : undefined;
	}

	supports(apiKey: number, version: number): boolean {
		const v = this.broker.versions?.[apiKey];
		return v !== undefined && v.minVersion <= version && v.maxVersion >= version;
	}

	/** The best version in [min, max] both sides speak, or undefined. */
	pick(apiKey: number, min: number, max: number): number | undefined {
		const v = this.broker.versions?.[apiKey];
		if (!v) return undefined;
		const best = Math.min(max, v.maxVersion);
		return best >= Math.max(min, v.minVersion) ? best : undefined;
	}

	async send<T>(request: WireRequest<T>): Promise<T> {
		await this.connect();
		this.sent++;
		return this.broker.connectionPool.send<T>(request);
	}
}

export function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/^Connection error: /, '');
}
