// Kafka wire codecs the gateway sends itself on kafkajs's connections, because kafkajs 2.2.4 either
// lacks the version or throws on per-item errors (tulios/kafkajs#1460):
//   Metadata v9–v12  (flexible): tolerant of partition/topic errors, brings topic ids and racks
//   FindCoordinator v4 (flexible): many group ids in one request
//   OffsetFetch v8    (flexible): many groups in one request
//   ListOffsets v2+   (non-flexible): per-partition errors become values, not exceptions
//   DescribeGroups v0–v5, ListGroups v0–v4, DescribeConfigs v1–v4: decoded without throwing
// Every decoder returns plain data with error codes; the gateway decides what they mean.
// Offsets are bigint.

export class Writer {
	private chunks: Buffer[] = [];
	int8(v: number) {
		const b = Buffer.alloc(1);
		b.writeInt8(v);
		this.chunks.push(b);
		return this;
	}
	int16(v: number) {
		const b = Buffer.alloc(2);
		b.writeInt16BE(v);
		this.chunks.push(b);
		return this;
	}
	int32(v: number) {
		const b = Buffer.alloc(4);
		b.writeInt32BE(v);
		this.chunks.push(b);
		return this;
	}
	int64(v: bigint) {
		const b = Buffer.alloc(8);
		b.writeBigInt64BE(v);
		this.chunks.push(b);
		return this;
	}
	bool(v: boolean) {
		return this.int8(v ? 1 : 0);
	}
	uvarint(v: number) {
		const bytes: number[] = [];
		let value = v >>> 0;
		while (value >= 0x80) {
			bytes.push((value & 0x7f) | 0x80);
			value >>>= 7;
		}
		bytes.push(value);
		this.chunks.push(Buffer.from(bytes));
		return this;
	}
	string(v: string | null) {
		if (v === null) return this.int16(-1);
		const b = Buffer.from(v, 'utf8');
		this.int16(b.length);
		this.chunks.push(b);
		return this;
	}
	compactString(v: string | null) {
		if (v === null) return this.uvarint(0);
		const b = Buffer.from(v, 'utf8');
		this.uvarint(b.length + 1);
		this.chunks.push(b);
		return this;
	}
	array<T>(items: T[] | null, write: (w: Writer, item: T) => void) {
		if (items === null) return this.int32(-1);
		this.int32(items.length);
		for (const item of items) write(this, item);
		return this;
	}
	compactArray<T>(items: T[] | null, write: (w: Writer, item: T) => void) {
		if (items === null) return this.uvarint(0);
		this.uvarint(items.length + 1);
		for (const item of items) write(this, item);
		return this;
	}
	uuid(bytes: Buffer = Buffer.alloc(16)) {
		this.chunks.push(bytes);
		return this;
	}
	/** an empty tagged-field section */
	tags() {
		return this.uvarint(0);
	}
	buffer(): Buffer {
		return Buffer.concat(this.chunks);
	}
}

export class Reader {
	offset = 0;
	constructor(private readonly buf: Buffer) {}
	int8() {
		const v = this.buf.readInt8(this.offset);
		this.offset += 1;
		return v;
	}
	int16() {
		const v = this.buf.readInt16BE(this.offset);
		this.offset += 2;
		return v;
	}
	int32() {
		const v = this.buf.readInt32BE(this.offset);
		this.offset += 4;
		return v;
	}
	int64() {
		const v = this.buf.readBigInt64BE(this.offset);
		this.offset += 8;
		return v;
	}
	bool() {
		return this.int8() !== 0;
	}
	uvarint() {
		let result = 0;
		let shift = 0;
		for (;;) {
			const byte = this.buf[this.offset++]!;
			result += (byte & 0x7f) * 2 ** shift;
			if (byte < 0x80) return result;
			shift += 7;
			if (shift > 35) throw new Error('invalid varint in Kafka response');
		}
	}
	string(): string | null {
		const n = this.int16();
		if (n < 0) return null;
		const v = this.buf.toString('utf8', this.offset, this.offset + n);
		this.offset += n;
		return v;
	}
	bytes(): Buffer | null {
		const n = this.int32();
		if (n < 0) return null;
		const v = this.buf.subarray(this.offset, this.offset + n);
		this.offset += n;
		return v;
	}
	compactString(): string | null {
		const n = this.uvarint();
		if (n === 0) return null;
		const v = this.buf.toString('utf8', this.offset, this.offset + n - 1);
		this.offset += n - 1;
		return v;
	}
	compactBytes(): Buffer | null {
		const n = this.uvarint();
		if (n === 0) return null;
		const v = this.buf.subarray(this.offset, this.offset + n - 1);
		this.offset += n - 1;
		return v;
	}
	array<T>(read: (r: Reader) => T): T[] {
		const n = this.int32();
		const out: T[] = [];
		for (let i = 0; i < n; i++) out.push(read(this));
		return out;
	}
	compactArray<T>(read: (r: Reader) => T): T[] {
		const n = this.uvarint();
		const out: T[] = [];
		for (let i = 0; i < n - 1; i++) out.push(read(this));
		return out;
	}
	uuid(): Buffer {
		const v = this.buf.subarray(this.offset, this.offset + 16);
		this.offset += 16;
		return v;
	}
	tags() {
		const n = this.uvarint();
		for (let i = 0; i < n; i++) {
			this.uvarint();
			const size = this.uvarint();
			this.offset += size;
		}
	}
}

/** A request in the shape kafkajs's Connection#send expects, decoded without throwing. */
export interface WireRequest<T> {
	request: {apiKey: number; apiVersion: number; apiName: string; encode: () => Promise<{buf: Buffer; buffer: Buffer}>};
	response: {decode: (payload: Buffer) => Promise<T>; parse: (data: T) => Promise<T>};
}

export const ApiKey = {
	ListOffsets: 2,
	Metadata: 3,
	OffsetFetch: 9,
	FindCoordinator: 10,
	DescribeGroups: 15,
	ListGroups: 16,
	ApiVersions: 18,
	DescribeConfigs: 32,
	ListPartitionReassignments: 46,
	DescribeTopicPartitions: 75,
} as const;

function wire<T>(
	apiKey: number,
	apiName: string,
	apiVersion: number,
	flexible: boolean,
	body: (w: Writer) => void,
	decode: (r: Reader) => T,
): WireRequest<T> {
	return {
		request: {
			apiKey,
			apiVersion,
			apiName,
			encode: async () => {
				const w = new Writer();
				// kafkajs writes request header v1; a flexible request needs header v2 = v1 + tagged fields
				if (flexible) w.tags();
				body(w);
				const buf = w.buffer();
				return {buf, buffer: buf};
			},
		},
		response: {
			decode: async (payload: Buffer) => {
				const r = new Reader(payload);
				if (flexible) r.tags(); // response header v1
				return decode(r);
			},
			parse: async (data: T) => data,
		},
	};
}

/** Kafka's textual Uuid: base64url without padding; the zero uuid is "AAAAAAAAAAAAAAAAAAAAAA". */
export function uuidString(bytes: Buffer): string {
	return bytes.toString('base64url');
}

// --- Metadata v9–v12 ---------------------------------------------------------------------

export interface MetadataBroker {
	nodeId: number;
	host: string;
	port: number;
	rack: string | null;
}
export interface MetadataPartition {
	errorCode: number;
	partition: number;
	leader: number;
	leaderEpoch: number;
	replicas: number[];
	isr: number[];
	offlineReplicas: number[];
}
export interface MetadataTopic {
	errorCode: number;
	name: string | null;
	topicId: string | null;
	internal: boolean;
	partitions: MetadataPartition[];
}
export interface MetadataResponse {
	brokers: MetadataBroker[];
	clusterId: string | null;
	controllerId: number;
	topics: MetadataTopic[];
}

const ZERO_UUID = Buffer.alloc(16);

export function metadataRequest(version: number, topics: string[] | null): WireRequest<MetadataResponse> {
	if (version < 9 || version > 12) throw new Error(`Metadata v${version} is not implemented`);
	return wire(
		ApiKey.Metadata,
		'Metadata',
		version,
		true,
		(w) => {
			w.compactArray(topics, (w, name) => {
				if (version >= 10) w.uuid(ZERO_UUID);
				w.compactString(name).tags();
			});
			w.bool(false); // allow_auto_topic_creation
			if (version <= 10) w.bool(false); // include_cluster_authorized_operations
			w.bool(false); // include_topic_authorized_operations
			w.tags();
		},
		(r) => {
			r.int32(); // throttle
			const brokers = r.compactArray((r) => {
				const b = {nodeId: r.int32(), host: r.compactString() ?? '', port: r.int32(), rack: r.compactString()};
				r.tags();
				return b;
			});
			const clusterId = r.compactString();
			const controllerId = r.int32();
			const topics = r.compactArray((r) => {
				const errorCode = r.int16();
				const name = r.compactString();
				const id = version >= 10 ? r.uuid() : null;
				const internal = r.bool();
				const partitions = r.compactArray((r) => {
					const p: MetadataPartition = {
						errorCode: r.int16(),
						partition: r.int32(),
						leader: r.int32(),
						leaderEpoch: r.int32(),
						replicas: r.compactArray((r) => r.int32()),
						isr: r.compactArray((r) => r.int32()),
						offlineReplicas: r.compactArray((r) => r.int32()),
					};
					r.tags();
					return p;
				});
				r.int32(); // topic authorized operations
				r.tags();
				const topicId = id && !id.equals(ZERO_UUID) ? uuidString(id) : null;
				return {errorCode, name, topicId, internal, partitions};
			});
			if (version <= 10) r.int32(); // cluster authorized operations
			r.tags();
			return {brokers, clusterId, controllerId, topics};
		},
	);
}

// --- FindCoordinator v4 ------------------------------------------------------------------

export interface Coordinator {
	key: string;
	nodeId: number;
	host: string;
	port: number;
	errorCode: number;
	errorMessage: string | null;
}

export function findCoordinatorsRequest(groupIds: string[]): WireRequest<Coordinator[]> {
	return wire(
		ApiKey.FindCoordinator,
		'FindCoordinator',
		4,
		true,
		(w) => {
			w.int8(0); // key type: group
			w.compactArray(groupIds, (w, id) => w.compactString(id));
			w.tags();
		},
		(r) => {
			r.int32();
			const list = r.compactArray((r) => {
				const c: Coordinator = {
					key: r.compactString() ?? '',
					nodeId: r.int32(),
					host: r.compactString() ?? '',
					port: r.int32(),
					errorCode: r.int16(),
					errorMessage: r.compactString(),
				};
				r.tags();
				return c;
			});
			r.tags();
			return list;
		},
	);
}

// --- OffsetFetch v8 ----------------------------------------------------------------------

export interface FetchedOffset {
	topic: string;
	partition: number;
	offset: bigint;
	errorCode: number;
}
export interface GroupOffsets {
	groupId: string;
	errorCode: number;
	offsets: FetchedOffset[];
}

export function offsetFetchRequest(groupIds: string[]): WireRequest<GroupOffsets[]> {
	return wire(
		ApiKey.OffsetFetch,
		'OffsetFetch',
		8,
		true,
		(w) => {
			w.compactArray(groupIds, (w, id) => {
				w.compactString(id);
				w.compactArray(null, () => {}); // all topics
				w.tags();
			});
			w.bool(false); // require_stable
			w.tags();
		},
		(r) => {
			r.int32();
			const groups = r.compactArray((r) => {
				const groupId = r.compactString() ?? '';
				const offsets: FetchedOffset[] = [];
				r.compactArray((r) => {
					const topic = r.compactString() ?? '';
					r.compactArray((r) => {
						const partition = r.int32();
						const offset = r.int64();
						r.int32(); // committed leader epoch
						r.compactString(); // metadata
						const errorCode = r.int16();
						r.tags();
						offsets.push({topic, partition, offset, errorCode});
					});
					r.tags();
				});
				const errorCode = r.int16();
				r.tags();
				return {groupId, errorCode, offsets};
			});
			r.tags();
			return groups;
		},
	);
}

// --- ListOffsets v2–v5 (non-flexible) ----------------------------------------------------

export interface ListedOffset {
	topic: string;
	partition: number;
	errorCode: number;
	offset: bigint;
}

/** timestamp -1 = latest (high watermark with isolation 0 = READ_UNCOMMITTED), -2 = earliest */
export function listOffsetsRequest(
	version: number,
	partitions: Map<string, number[]>,
	timestamp: bigint,
): WireRequest<ListedOffset[]> {
	if (version < 2 || version > 5) throw new Error(`ListOffsets v${version} is not implemented`);
	return wire(
		ApiKey.ListOffsets,
		'ListOffsets',
		version,
		false,
		(w) => {
			w.int32(-1); // replica id
			w.int8(0); // isolation level READ_UNCOMMITTED: the high watermark, as kafka-consumer-groups.sh
			w.array([...partitions], (w, [topic, parts]) => {
				w.string(topic);
				w.array(parts, (w, p) => {
					w.int32(p);
					if (version >= 4) w.int32(-1); // current leader epoch
					w.int64(timestamp);
				});
			});
		},
		(r) => {
			r.int32();
			const out: ListedOffset[] = [];
			r.array((r) => {
				const topic = r.string() ?? '';
				r.array((r) => {
					const partition = r.int32();
					const errorCode = r.int16();
					r.int64(); // timestamp
					const offset = r.int64();
					if (version >= 4) r.int32(); // leader epoch
					out.push({topic, partition, errorCode, offset});
				});
			});
			return out;
		},
	);
}

// --- DescribeGroups v0–v5 (non-flexible) -------------------------------------------------

export interface DescribedMember {
	memberId: string;
	groupInstanceId: string | null;
	clientId: string;
	clientHost: string;
	metadata: Buffer | null;
	assignment: Buffer | null;
}
export interface DescribedGroup {
	errorCode: number;
	groupId: string;
	state: string;
	protocolType: string;
	protocol: string;
	members: DescribedMember[];
}

export function describeGroupsRequest(version: number, groupIds: string[]): WireRequest<DescribedGroup[]> {
	if (version < 0 || version > 4) throw new Error(`DescribeGroups v${version} is not implemented`);
	return wire(
		ApiKey.DescribeGroups,
		'DescribeGroups',
		version,
		false,
		(w) => {
			w.array(groupIds, (w, id) => w.string(id));
			if (version >= 3) w.bool(false); // include authorized operations
		},
		(r) => {
			if (version >= 1) r.int32();
			const groups = r.array((r) => {
				const g: DescribedGroup = {
					errorCode: r.int16(),
					groupId: r.string() ?? '',
					state: r.string() ?? '',
					protocolType: r.string() ?? '',
					protocol: r.string() ?? '',
					members: r.array((r) => ({
						memberId: r.string() ?? '',
						groupInstanceId: version >= 4 ? r.string() : null,
						clientId: r.string() ?? '',
						clientHost: r.string() ?? '',
						metadata: r.bytes(),
						assignment: r.bytes(),
					})),
				};
				if (version >= 3) r.int32();
				return g;
			});
			return groups;
		},
	);
}

/** ConsumerProtocol assignment (any version; only the common prefix is read). */
export function decodeConsumerAssignment(buf: Buffer | null): {topic: string; partitions: number[]}[] {
	if (!buf || buf.length < 2) return [];
	try {
		const r = new Reader(buf);
		r.int16(); // version
		return r.array((r) => ({topic: r.string() ?? '', partitions: r.array((r) => r.int32())}));
	} catch {
		return [];
	}
}

// --- ListGroups v0–v3 (non-flexible) -----------------------------------------------------

export interface ListedGroup {
	groupId: string;
	protocolType: string;
}

export function listGroupsRequest(version: number): WireRequest<{errorCode: number; groups: ListedGroup[]}> {
	if (version < 0 || version > 2) throw new Error(`ListGroups v${version} is not implemented`);
	return wire(
		ApiKey.ListGroups,
		'ListGroups',
		version,
		false,
		() => {},
		(r) => {
			if (version >= 1) r.int32();
			const errorCode = r.int16();
			const groups = r.array((r) => ({groupId: r.string() ?? '', protocolType: r.string() ?? ''}));
			return {errorCode, groups};
		},
	);
}

// --- DescribeConfigs v1–v3 (non-flexible), topics only -----------------------------------

export interface ConfigEntry {
	name: string;
	value: string | null;
	/** 5 = DEFAULT_CONFIG; anything else is what kafka-topics.sh prints */
	source: number;
	sensitive: boolean;
}
export interface DescribedConfigResource {
	errorCode: number;
	errorMessage: string | null;
	name: string;
	entries: ConfigEntry[];
}

export function describeTopicConfigsRequest(version: number, topics: string[]): WireRequest<DescribedConfigResource[]> {
	if (version < 1 || version > 3) throw new Error(`DescribeConfigs v${version} is not implemented`);
	return wire(
		ApiKey.DescribeConfigs,
		'DescribeConfigs',
		version,
		false,
		(w) => {
			w.array(topics, (w, t) => {
				w.int8(2); // resource type TOPIC
				w.string(t);
				w.array(null, () => {}); // all config names
			});
			w.bool(false); // include synonyms
			if (version >= 3) w.bool(false); // include documentation
		},
		(r) => {
			r.int32();
			return r.array((r) => {
				const errorCode = r.int16();
				const errorMessage = r.string();
				r.int8();
				const name = r.string() ?? '';
				const entries = r.array((r) => {
					const e: ConfigEntry = {name: r.string() ?? '', value: r.string(), source: 0, sensitive: false};
					r.bool(); // read only
					e.source = r.int8();
					e.sensitive = r.bool();
					r.array((r) => {
						r.string();
						r.string();
						r.int8();
					});
					if (version >= 3) {
						r.int8(); // config type
						r.string(); // documentation
					}
					return e;
				});
				return {errorCode, errorMessage, name, entries};
			});
		},
	);
}

// --- ListPartitionReassignments v0 (flexible) --------------------------------------------

export interface Reassignment {
	topic: string;
	partition: number;
	replicas: number[];
	addingReplicas: number[];
	removingReplicas: number[];
}

export function listReassignmentsRequest(): WireRequest<{errorCode: number; reassignments: Reassignment[]}> {
	return wire(
		ApiKey.ListPartitionReassignments,
		'ListPartitionReassignments',
		0,
		true,
		(w) => {
			w.int32(10_000);
			w.compactArray(null, () => {});
			w.tags();
		},
		(r) => {
			r.int32();
			const errorCode = r.int16();
			r.compactString();
			const reassignments: Reassignment[] = [];
			r.compactArray((r) => {
				const topic = r.compactString() ?? '';
				r.compactArray((r) => {
					reassignments.push({
						topic,
						partition: r.int32(),
						replicas: r.compactArray((r) => r.int32()),
						addingReplicas: r.compactArray((r) => r.int32()),
						removingReplicas: r.compactArray((r) => r.int32()),
					});
					r.tags();
				});
				r.tags();
			});
			r.tags();
			return {errorCode, reassignments};
		},
	);
}

// --- DescribeTopicPartitions v0 (flexible): the ELR kafka-topics.sh prints ---------------

export interface TopicPartitionsElr {
	topic: string;
	partitions: {partition: number; elr: number[] | null; lastKnownElr: number[] | null}[];
}

export function describeTopicPartitionsRequest(
	topics: string[],
	limit: number,
	cursor: {topic: string; partition: number} | null,
): WireRequest<{topics: TopicPartitionsElr[]; next: {topic: string; partition: number} | null}> {
	return wire(
		ApiKey.DescribeTopicPartitions,
		'DescribeTopicPartitions',
		0,
		true,
		(w) => {
			w.compactArray(topics, (w, t) => w.compactString(t).tags());
			w.int32(limit);
			if (cursor) {
				w.uvarint(1); // non-null struct (nullable struct marker)
				w.compactString(cursor.topic).int32(cursor.partition).tags();
			} else {
				w.int8(-1);
			}
			w.tags();
		},
		(r) => {
			r.int32();
			const out: TopicPartitionsElr[] = [];
			r.compactArray((r) => {
				r.int16();
				const topic = r.compactString() ?? '';
				r.uuid();
				r.bool();
				const partitions = r.compactArray((r) => {
					r.int16();
					const partition = r.int32();
					r.int32();
					r.int32();
					r.compactArray((r) => r.int32());
					r.compactArray((r) => r.int32());
					const elrN = r.uvarint();
					const elr: number[] | null = elrN === 0 ? null : Array.from({length: elrN - 1}, () => r.int32());
					const lkN = r.uvarint();
					const lastKnownElr: number[] | null = lkN === 0 ? null : Array.from({length: lkN - 1}, () => r.int32());
					r.compactArray((r) => r.int32()); // offline
					r.tags();
					return {partition, elr, lastKnownElr};
				});
				r.int32();
				r.tags();
				out.push({topic, partitions});
			});
			const marker = r.int8();
			let next: {topic: string; partition: number} | null = null;
			if (marker !== -1) {
				next = {topic: r.compactString() ?? '', partition: r.int32()};
				r.tags();
			}
			r.tags();
			return {topics: out, next};
		},
	);
}
