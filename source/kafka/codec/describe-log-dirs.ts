// DescribeLogDirs (apiKey 35), version 1: non-flexible; Kafka 1.1 … 4.x accept it (4.0 dropped v0).
// Request v1:  Topics []{Topic string, Partitions []int32} (null = all topics)
// Response v1: ThrottleTimeMs int32, Results []{ErrorCode int16, LogDir string,
//              Topics []{Name string, Partitions []{PartitionIndex int32, PartitionSize int64,
//              OffsetLag int64, IsFutureKey bool}}}
import type {Reader, Writer} from './primitives.js';
import {ApiKey, decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const DESCRIBE_LOG_DIRS = ApiKey.DescribeLogDirs;

export interface LogDirReplica {
	logDir: string;
	topic: string;
	partition: number;
	size: bigint;
	offsetLag: bigint;
	isFuture: boolean;
}

export interface DescribeLogDirsResult {
	throttleTimeMs: number;
	dirs: Array<{logDir: string; errorCode: number}>;
	replicas: LogDirReplica[];
}

type Topics = Array<{topic: string; partitions: number[]}> | null;

const body = (topics: Topics) => (w: Writer) => {
	w.array(topics, (w, t) => w.string(t.topic).array(t.partitions, (w, p) => w.int32(p)));
};

function decode(r: Reader): DescribeLogDirsResult {
	const throttleTimeMs = r.int32();
	const dirs: DescribeLogDirsResult['dirs'] = [];
	const replicas: LogDirReplica[] = [];
	r.array((r) => {
		const errorCode = r.int16();
		const logDir = r.string() ?? '';
		dirs.push({logDir, errorCode});
		r.array((r) => {
			const topic = r.string() ?? '';
			r.array((r) => {
				const partition = r.int32();
				const size = r.int64();
				const offsetLag = r.int64();
				const isFuture = r.bool();
				replicas.push({logDir, topic, partition, size, offsetLag, isFuture});
			});
		});
	});
	return {throttleTimeMs, dirs, replicas};
}

export const encodeDescribeLogDirs = (topics: Topics): Encoded => encodeBody(false, body(topics));
export const decodeDescribeLogDirs = (payload: Buffer): DescribeLogDirsResult => decodeBody(payload, false, decode);

export function describeLogDirs(topics: Topics): WireRequest<DescribeLogDirsResult> {
	return wire(DESCRIBE_LOG_DIRS, 'DescribeLogDirs', 1, false, body(topics), decode);
}
