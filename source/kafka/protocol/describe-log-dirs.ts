// DescribeLogDirs (apiKey 35), version 1: non-flexible; Kafka 1.1 … 4.x accept it (4.0 dropped v0).
// Request v1:  Topics []{Topic string, Partitions []int32} (null = all topics)
// Response v1: ThrottleTimeMs int32, Results []{ErrorCode int16, LogDir string,
//              Topics []{Name string, Partitions []{PartitionIndex int32, PartitionSize int64,
//              OffsetLag int64, IsFutureKey bool}}}
import {Decoder, Encoder, readArray, responseOf, writeInt32Array, writeStructArray, type Protocol} from './wire.js';

export const DESCRIBE_LOG_DIRS = 35;

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

export function encodeDescribeLogDirs(topics: Array<{topic: string; partitions: number[]}> | null): Encoder {
	return writeStructArray(new Encoder(), topics, (e, t) => {
		e.writeString(t.topic);
		writeInt32Array(e, t.partitions);
	});
}

export function decodeDescribeLogDirs(payload: Buffer): DescribeLogDirsResult {
	const d = new Decoder(payload);
	const throttleTimeMs = d.readInt32();
	const dirs: DescribeLogDirsResult['dirs'] = [];
	const replicas: LogDirReplica[] = [];
	readArray(d, (rd) => {
		const errorCode = rd.readInt16();
		const logDir = rd.readString() ?? '';
		dirs.push({logDir, errorCode});
		readArray(rd, (td) => {
			const topic = td.readString() ?? '';
			readArray(td, (pd) => {
				const partition = pd.readInt32();
				const size = pd.readInt64();
				const offsetLag = pd.readInt64();
				const isFuture = pd.readBoolean();
				replicas.push({logDir, topic, partition, size, offsetLag, isFuture});
			});
		});
	});
	return {throttleTimeMs, dirs, replicas};
}

export function describeLogDirs(topics: Array<{topic: string; partitions: number[]}> | null): Protocol<DescribeLogDirsResult> {
	return {
		request: {apiKey: DESCRIBE_LOG_DIRS, apiVersion: 1, apiName: 'DescribeLogDirs', encode: async () => encodeDescribeLogDirs(topics)},
		response: responseOf(decodeDescribeLogDirs),
	};
}
