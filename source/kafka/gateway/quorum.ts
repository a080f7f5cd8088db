// The KRaft quorum and the feature levels, read through any broker: DescribeQuorum (the broker
// forwards it to the active controller) and ApiVersions v3+ (its tagged fields carry the features).
// Both fail soft: a cluster that lacks the API (ZooKeeper-era, before Kafka 3.3) or answers with an
// error gives the reason, never an exception, so a snapshot still describes the rest.
import type {FeaturesRead, QuorumInfo, QuorumRead, QuorumReplica} from '../../domain/quorum.js';
import {describeError, type Link} from '../connection/node.js';
import {apiVersionsFeaturesRequest} from '../codec/api-versions-features.js';
import {CLUSTER_METADATA_TOPIC, describeQuorumRequest, ZERO_UUID, type QuorumNodeWire, type QuorumReplicaWire} from '../codec/describe-quorum.js';
import {errorName} from '../codec/error-names.js';
import {ApiKey} from '../codec/request.js';

function replica(r: QuorumReplicaWire, nodes: Map<number, QuorumNodeWire>): QuorumReplica {
	const stamp = (v: bigint) => (v === -1n ? null : Number(v));
	return {
		id: r.replicaId,
		directoryId: r.directoryId === ZERO_UUID ? null : r.directoryId,
		logEndOffset: r.logEndOffset,
		lastFetchTimestamp: stamp(r.lastFetchTimestamp),
		lastCaughtUpTimestamp: stamp(r.lastCaughtUpTimestamp),
		endpoints: (nodes.get(r.replicaId)?.listeners ?? []).map((l) => `${l.name}://${l.host.includes(':') ? `[${l.host}]` : l.host}:${l.port}`),
	};
}

export async function readQuorum(link: Link): Promise<QuorumRead> {
	const version = link.pick(ApiKey.DescribeQuorum, 0, 2);
	if (version === undefined) {
		return {available: false, reason: `broker ${link.address} does not speak DescribeQuorum (not a KRaft cluster, or Kafka < 3.3)`};
	}
	try {
		const response = await link.send(describeQuorumRequest(version));
		if (response.errorCode !== 0) return {available: false, reason: `${errorName(response.errorCode)}${response.errorMessage ? `: ${response.errorMessage}` : ''}`};
		const partition = response.topics.find((t) => t.topic === CLUSTER_METADATA_TOPIC)?.partitions.find((p) => p.partition === 0);
		if (!partition) return {available: false, reason: `the answer did not describe ${CLUSTER_METADATA_TOPIC}-0`};
		if (partition.errorCode !== 0) {
			return {available: false, reason: `${errorName(partition.errorCode)}${partition.errorMessage ? `: ${partition.errorMessage}` : ''}`};
		}
		const nodes = new Map(response.nodes.map((n) => [n.nodeId, n]));
		const quorum: QuorumInfo = {
			leaderId: partition.leaderId,
			leaderEpoch: partition.leaderEpoch,
			highWatermark: partition.highWatermark,
			voters: partition.voters.map((v) => replica(v, nodes)),
			observers: partition.observers.map((o) => replica(o, nodes)),
			version,
		};
		return {available: true, quorum};
	} catch (error) {
		return {available: false, reason: describeError(error)};
	}
}

export async function readFeatures(link: Link): Promise<FeaturesRead> {
	const version = link.pick(ApiKey.ApiVersions, 3, 4) as 3 | 4 | undefined;
	if (version === undefined) return {available: false, reason: `broker ${link.address} reports no feature levels (ApiVersions v3 needs Kafka ≥ 2.4)`};
	try {
		const response = await link.send(apiVersionsFeaturesRequest(version));
		if (response.errorCode !== 0) return {available: false, reason: errorName(response.errorCode)};
		const finalized = new Map(response.finalized.map((f) => [f.name, f.maxVersionLevel]));
		const features = response.supported
			.map((s) => ({name: s.name, supportedMin: s.minVersion, supportedMax: s.maxVersion, finalized: finalized.get(s.name) ?? 0}))
			.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		return {available: true, features: {features, epoch: response.finalizedEpoch < 0n ? null : response.finalizedEpoch}};
	} catch (error) {
		return {available: false, reason: describeError(error)};
	}
}
