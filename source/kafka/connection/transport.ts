// The one place a Kafka request kcon builds leaves for a broker, whoever sends it: the gateway's
// reads and the actions' writes (both through node.ts) and the tail's Fetch. The read-only rule is
// asked first, so a write cannot leave a read-only client even before its socket would refuse it
// (connection-guard.ts, the backstop under this).
import {guardRequest, type ReadOnlyFlag} from './write-guard.js';

/** A kafkajs connection pool, or anything with its send(): one broker's connections. */
export interface RequestChannel {
	connectionPool: {send<T>(request: unknown): Promise<T>};
}

/** What kafkajs's Connection#send takes: the request (with its API key) and its response decoder. */
export interface SendableRequest {
	request: {apiKey: number; apiName: string; apiVersion: number};
	response: unknown;
}

/** The clients that only read (gateway, plain tail): anything but a read is refused. */
export const READS_ONLY: ReadOnlyFlag = {readOnly: true};

/** Sends one request on `channel`; in read-only mode anything but a read is refused before a byte leaves. */
export async function sendRequest<T>(access: ReadOnlyFlag, channel: RequestChannel, request: SendableRequest): Promise<T> {
	guardRequest(access, request.request);
	// the decoders never throw on an error code, so kafkajs has no response error to log
	return channel.connectionPool.send<T>({...request, logResponseError: false});
}
