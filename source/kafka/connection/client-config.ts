// kafkajs configuration from Settings, shared by everything in source/kafka/: silent logs, short
// timeouts, no retry storm, SASL/TLS from the resolved context. Also the read-only per-broker
// connection objects (kafkajs/broker.ts) the gateway drives with its own requests.
import fs from 'node:fs';
// types only: kafkajs's main module (producer, consumer, admin…) is imported by createKafka when
// called, so `kcon describe` pays only for the connection internals it uses (~half the load time)
import type {Kafka, KafkaConfig, SASLOptions} from 'kafkajs';
import type {Settings} from '../../config/settings.js';
import {UsageError} from '../../errors.js';
import {createKjsBroker, type KjsBroker} from '../kafkajs/broker.js';
import {guardedSocketFactory} from './connection-guard.js';

export interface ClientTuning {
	/** TCP connect timeout per broker in ms (default 3000) */
	connectionTimeout?: number;
	/** per-request timeout in ms (default 10000) */
	requestTimeout?: number;
	clientId?: string;
}

const silentLogger = () => () => {};

/** TLS options for node:tls, files read now (a missing file is a usage error naming it). */
export function tlsOptions(settings: Settings): Record<string, unknown> | undefined {
	return settings.ssl ? tlsFileOptions(settings.ssl) : undefined;
}

/** The same from any TLS settings shape (the tail and protocol links carry their own copy). */
export function tlsFileOptions(ssl: NonNullable<Settings['ssl']>): Record<string, unknown> {
	const read = (what: string, file: string | undefined) => {
		if (file === undefined) return undefined;
		try {
			return fs.readFileSync(file);
		} catch (error) {
			throw new UsageError(`cannot read TLS ${what} file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
		}
	};
	const options: Record<string, unknown> = {rejectUnauthorized: ssl.rejectUnauthorized};
	const ca = read('CA', ssl.ca);
	if (ca) options['ca'] = [ca];
	const cert = read('certificate', ssl.cert);
	if (cert) options['cert'] = cert;
	const key = read('key', ssl.key);
	if (key) options['key'] = key;
	if (ssl.passphrase !== undefined) options['passphrase'] = ssl.passphrase;
	if (ssl.servername !== undefined) options['servername'] = ssl.servername;
	return options;
}

export function saslOptions(settings: Settings): SASLOptions | undefined {
	const sasl = settings.sasl;
	if (!sasl) return undefined;
	return {mechanism: sasl.mechanism, username: sasl.username, password: sasl.password} as SASLOptions;
}

/** A kafkajs KafkaConfig for producers/consumers/admin built by other parts of source/kafka/. */
export function kafkaConfig(settings: Settings, tuning: ClientTuning = {}): KafkaConfig {
	const config: KafkaConfig = {
		clientId: tuning.clientId ?? 'kcon',
		brokers: settings.brokers,
		connectionTimeout: tuning.connectionTimeout ?? 3000,
		requestTimeout: tuning.requestTimeout ?? 10000,
		retry: {retries: 1, initialRetryTime: 100, maxRetryTime: 1000},
		logLevel: 0, // logLevel.NOTHING
		logCreator: silentLogger,
		socketFactory: guardedSocketFactory({readOnly: settings.readOnly}) as unknown as KafkaConfig['socketFactory'],
	};
	const ssl = tlsOptions(settings);
	if (ssl) config.ssl = ssl;
	const sasl = saslOptions(settings);
	if (sasl) config.sasl = sasl;
	return config;
}

export async function createKafka(settings: Settings, tuning: ClientTuning = {}): Promise<Kafka> {
	const {Kafka: KafkaClass} = (await import('kafkajs')) as unknown as {Kafka: new (config: KafkaConfig) => Kafka};
	return new KafkaClass(kafkaConfig(settings, tuning));
}

// --- the gateway's (and the lab's) broker connections ---------------------------------

// the gateway only ever reads: its sockets refuse anything else, whatever the settings say
const readOnlySockets = guardedSocketFactory({readOnly: true});

/** kafkajs's connection objects for one broker address, read-only, tuned as `tuning` says. */
export function createBroker(
	host: string,
	port: number,
	settings: Settings,
	tuning: ClientTuning,
	ssl: Record<string, unknown> | undefined,
): KjsBroker {
	const connectionTimeout = tuning.connectionTimeout ?? 3000;
	return createKjsBroker({
		host,
		port,
		socketFactory: readOnlySockets,
		ssl: ssl ?? null,
		sasl: saslOptions(settings) ?? null,
		clientId: tuning.clientId ?? 'kcon',
		connectionTimeout,
		requestTimeout: tuning.requestTimeout ?? 10000,
		authenticationTimeout: connectionTimeout * 2,
	});
}
