// StreamsGroupDescribe v0 (API key 89, flexible): the Kafka Streams groups of KIP-1071
// (`group.protocol=streams`, Kafka ≥ 4.1; a new 4.2 cluster finalizes streams.version=1), which
// DescribeGroups, ConsumerGroupDescribe and ShareGroupDescribe all answer with GROUP_ID_NOT_FOUND.
// The broker assigns tasks (a sub-topology id and partitions of its input topics), so a member's
// assignment names no topics: the group's topology maps each sub-topology to its source topics.
// v1 (Kafka 4.4) adds the assignor the coordinator will use next (KIP-1357), which
// kafka-streams-groups.sh 4.4 prints in --state, and a topology description kcon never asks for
// (one that comes anyway is read past, bounded like the rest).
//
// Every array length comes from the peer: one longer than the bytes left in the response is refused
// before anything is allocated for it, so a hostile length costs nothing.
import type {Reader} from './primitives.js';
import {ApiKey, wire, type WireRequest} from './request.js';

export interface StreamsTopicInfo {
	name: string;
	partitions: number;
	replicationFactor: number;
}

export interface StreamsSubtopology {
	subtopologyId: string;
	sourceTopics: string[];
	repartitionSinkTopics: string[];
	stateChangelogTopics: StreamsTopicInfo[];
	repartitionSourceTopics: StreamsTopicInfo[];
}

export interface StreamsTaskIds {
	subtopologyId: string;
	partitions: number[];
}

export interface StreamsAssignment {
	activeTasks: StreamsTaskIds[];
	standbyTasks: StreamsTaskIds[];
	warmupTasks: StreamsTaskIds[];
}

export interface StreamsGroupMember {
	memberId: string;
	memberEpoch: number;
	instanceId: string | null;
	rackId: string | null;
	clientId: string;
	clientHost: string;
	topologyEpoch: number;
	processId: string;
	userEndpoint: {host: string; port: number} | null;
	assignment: StreamsAssignment;
	targetAssignment: StreamsAssignment;
	/** a classic-protocol member of an upgraded group */
	isClassic: boolean;
}

export interface StreamsGroupDescribed {
	errorCode: number;
	errorMessage: string | null;
	groupId: string;
	/** Empty, NotReady, Assigning, Reconciling, Stable, Dead (StreamsGroupState as the broker names it) */
	state: string;
	groupEpoch: number;
	assignmentEpoch: number;
	/** null until the first member has sent its topology */
	topology: {epoch: number; subtopologies: StreamsSubtopology[]} | null;
	members: StreamsGroupMember[];
	/** v1: the assignor the coordinator will use next (null on a describe error); absent from v0 */
	assignorName?: string | null;
}

export function streamsGroupDescribeRequest(version: number, groupIds: string[]): WireRequest<StreamsGroupDescribed[]> {
	if (version !== 0 && version !== 1) throw new Error(`StreamsGroupDescribe v${version} is not implemented`);
	return wire(
		ApiKey.StreamsGroupDescribe,
		'StreamsGroupDescribe',
		version,
		true,
		(w) => {
			w.compactArray(groupIds, (w, id) => w.compactString(id));
			w.bool(false); // include authorized operations
			if (version >= 1) w.bool(false); // include the topology description
			w.tags();
		},
		(r) => {
			r.int32(); // throttle
			const groups = boundedArray(r, (r) => describedGroup(r, version));
			r.tags();
			return groups ?? [];
		},
	);
}

/**
 * A compact array whose every element takes at least one byte: a length past the bytes left is
 * an error, not a loop. null for a null array (length 0 on the wire).
 */
export function boundedArray<T>(r: Reader, read: (r: Reader) => T): T[] | null {
	const n = r.uvarint();
	if (n === 0) return null;
	if (n - 1 > r.remaining()) throw new Error(`StreamsGroupDescribe: an array of ${n - 1} items in ${r.remaining()} bytes`);
	const out: T[] = [];
	for (let i = 0; i < n - 1; i++) out.push(read(r));
	return out;
}

const list = <T>(r: Reader, read: (r: Reader) => T): T[] => boundedArray(r, read) ?? [];
const text = (r: Reader): string => r.compactString() ?? '';

function describedGroup(r: Reader, version: number): StreamsGroupDescribed {
	const errorCode = r.int16();
	const errorMessage = r.compactString();
	const groupId = text(r);
	const state = text(r);
	const groupEpoch = r.int32();
	const assignmentEpoch = r.int32();
	const topology = r.int8() < 0 ? null : readTopology(r);
	const members = list(r, member);
	r.int32(); // authorized operations
	if (version < 1) {
		r.tags();
		return {errorCode, errorMessage, groupId, state, groupEpoch, assignmentEpoch, topology, members};
	}
	if (r.int8() >= 0) skipTopologyDescription(r);
	r.int8(); // the description's status (not requested)
	const assignorName = r.compactString();
	r.tags();
	return {errorCode, errorMessage, groupId, state, groupEpoch, assignmentEpoch, topology, members, assignorName};
}

/** v1's TopologyDescription, not requested by kcon: read past, element by element. */
function skipTopologyDescription(r: Reader): void {
	list(r, (r) => {
		text(r); // sub-topology id
		list(r, skipDescriptionNode);
		r.tags();
	});
	list(r, (r) => {
		skipDescriptionNode(r); // source
		skipDescriptionNode(r); // processor
		r.tags();
	});
	r.tags();
}

function skipDescriptionNode(r: Reader): void {
	text(r); // name
	r.int8(); // node type
	list(r, text); // source topics
	r.compactString(); // sink topic
	list(r, text); // stores
	list(r, text); // successors
	r.tags();
}

function readTopology(r: Reader): {epoch: number; subtopologies: StreamsSubtopology[]} {
	const epoch = r.int32();
	const subtopologies = list(r, (r) => {
		const s: StreamsSubtopology = {
			subtopologyId: text(r),
			sourceTopics: list(r, text),
			repartitionSinkTopics: list(r, text),
			stateChangelogTopics: list(r, topicInfo),
			repartitionSourceTopics: list(r, topicInfo),
		};
		r.tags();
		return s;
	});
	r.tags();
	return {epoch, subtopologies};
}

function topicInfo(r: Reader): StreamsTopicInfo {
	const t: StreamsTopicInfo = {name: text(r), partitions: r.int32(), replicationFactor: r.int16()};
	list(r, keyValue); // topic configs
	r.tags();
	return t;
}

function keyValue(r: Reader): [string, string] {
	const kv: [string, string] = [text(r), text(r)];
	r.tags();
	return kv;
}

function taskOffset(r: Reader): void {
	text(r); // sub-topology
	r.int32(); // partition
	r.int64(); // offset
	r.tags();
}

function member(r: Reader): StreamsGroupMember {
	const memberId = text(r);
	const memberEpoch = r.int32();
	const instanceId = r.compactString();
	const rackId = r.compactString();
	const clientId = text(r);
	const clientHost = text(r);
	const topologyEpoch = r.int32();
	const processId = text(r);
	let userEndpoint: StreamsGroupMember['userEndpoint'] = null;
	if (r.int8() >= 0) {
		userEndpoint = {host: text(r), port: r.int16() & 0xffff};
		r.tags();
	}
	list(r, keyValue); // client tags
	list(r, taskOffset); // task offsets
	list(r, taskOffset); // task end offsets
	const assignment = readAssignment(r);
	const targetAssignment = readAssignment(r);
	const isClassic = r.bool();
	r.tags();
	return {memberId, memberEpoch, instanceId, rackId, clientId, clientHost, topologyEpoch, processId, userEndpoint, assignment, targetAssignment, isClassic};
}

function readAssignment(r: Reader): StreamsAssignment {
	const a: StreamsAssignment = {activeTasks: list(r, taskIds), standbyTasks: list(r, taskIds), warmupTasks: list(r, taskIds)};
	r.tags();
	return a;
}

function taskIds(r: Reader): StreamsTaskIds {
	const t: StreamsTaskIds = {subtopologyId: text(r), partitions: list(r, (r) => r.int32())};
	r.tags();
	return t;
}
