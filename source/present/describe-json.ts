// The `kcon describe -o json` document. Field names are a contract (scripts and the console rely on
// them): brokers[] id, host, port, rack, reachable, registered, fenced (Kafka ≥ 4.0); topics[] name, internal, underReplicated,
// partitions[] (partition, leader|null, replicas, isr, offlineReplicas, addingReplicas,
// removingReplicas, earliestOffset, latestOffset, elr|null, lastKnownElr|null (KIP-966; null when
// the cluster did not say)); groups[] groupId, state, protocolType, groupType
// (classic | consumer for KIP-848 groups | share for KIP-932 ones | streams | what the broker listed),
// assignmentStrategy (a consumer group's: the broker's
// assignor), coordinator, members[] (memberId, clientId, host, assignments[]), offsets[] (topic, partition,
// committed|null, logEnd, lag|null, consumerId, host, clientId), totalLag (lag as domain/lag.ts
// defines it: never negative, totalLag the sum of the known partition lags); a streams group
// (KIP-1071) also has streams: groupEpoch, targetAssignmentEpoch, topologyEpoch|null, assignorName|null
// (Kafka ≥ 4.4),
// subtopologies[] (subtopologyId, sourceTopics, repartitionSourceTopics), members[] (memberId,
// processId, memberEpoch, isClassic, activeTasks/standbyTasks/warmupTasks[] of subtopologyId and
// partitions); its offsets rows are the input partitions of active tasks, and a row without a commit
// lags by logEnd − logStart (logStart given there). Offsets stay bigint
// here; toJson() writes them as exact JSON numbers.
// quorum (describe quorum; KRaft): available, then leaderId, leaderEpoch, highWatermark,
// maxFollowerLag, maxFollowerLagTimeMs, votersUp, votersTotal, voters[] and observers[] (id,
// directoryId|null, endpoints, logEndOffset, lag, lastFetchTimestamp|null, lastCaughtUpTimestamp|null,
// role Leader|Follower|Observer) — or available: false and reason. features (describe cluster):
// available, metadataVersion, epoch, levels[] (name, supportedMinVersion, supportedMaxVersion,
// finalizedVersionLevel; the numeric levels) — or available: false and reason.
import type {ClusterSnapshot, GroupInfo, StreamsGroupDetail, StreamsTasks, TopicInfo} from '../domain/cluster.js';
import {clusterHealth, isUnderReplicated} from '../domain/health.js';
import {featureLevelText, quorumRows, quorumStatus, votersUp, type FeaturesRead, type QuorumRead} from '../domain/quorum.js';

export function quorumJson(read: QuorumRead): Record<string, unknown> {
	if (!read.available) return {available: false, reason: read.reason};
	const q = read.quorum;
	const status = quorumStatus(q);
	const up = votersUp(q);
	const rows = quorumRows(q).map((r) => ({
		id: r.id,
		directoryId: r.directoryId,
		endpoints: r.endpoints,
		logEndOffset: r.logEndOffset,
		lag: r.lag,
		lastFetchTimestamp: r.lastFetchTimestamp,
		lastCaughtUpTimestamp: r.lastCaughtUpTimestamp,
		role: r.role,
	}));
	return {
		available: true,
		leaderId: q.leaderId === -1 ? null : q.leaderId,
		leaderEpoch: q.leaderEpoch,
		highWatermark: q.highWatermark,
		maxFollowerLag: status?.maxFollowerLag ?? null,
		maxFollowerLagTimeMs: status?.maxFollowerLagTimeMs ?? null,
		votersUp: up?.up ?? null,
		votersTotal: q.voters.length,
		voters: rows.filter((r) => r.role !== 'Observer'),
		observers: rows.filter((r) => r.role === 'Observer'),
	};
}

export function featuresJson(read: FeaturesRead): Record<string, unknown> {
	if (!read.available) return {available: false, reason: read.reason};
	const mv = read.features.features.find((f) => f.name === 'metadata.version');
	return {
		available: true,
		metadataVersion: mv ? featureLevelText(mv.name, mv.finalized) : null,
		epoch: read.features.epoch,
		levels: read.features.features.map((f) => ({
			name: f.name,
			supportedMinVersion: f.supportedMin,
			supportedMaxVersion: f.supportedMax,
			finalizedVersionLevel: f.finalized,
		})),
	};
}

export function describeDocument(
	snapshot: ClusterSnapshot,
	parts: {topics?: TopicInfo[]; groups?: GroupInfo[]} = {},
): Record<string, unknown> {
	const health = clusterHealth(snapshot);
	const load = new Map(health.brokers.map((b) => [b.id, b]));
	const topics = parts.topics ?? snapshot.topics;
	const groups = parts.groups ?? snapshot.groups;
	return {
		clusterId: snapshot.clusterId,
		controller: snapshot.controller,
		takenAt: new Date(snapshot.takenAt).toISOString(),
		brokers: snapshot.brokers.map((b) => ({
			id: b.id,
			host: b.host,
			port: b.port,
			rack: b.rack,
			reachable: b.reachable,
			error: b.error,
			registered: b.registered,
			fenced: b.fenced,
			leaders: load.get(b.id)?.leaders ?? 0,
			replicas: load.get(b.id)?.replicas ?? 0,
			underReplicated: load.get(b.id)?.underReplicated ?? 0,
		})),
		topics: topics.map((t) => ({
			name: t.name,
			topicId: t.topicId,
			internal: t.internal,
			underReplicated: t.partitions.some(isUnderReplicated),
			minInsyncReplicas: t.minInsyncReplicas,
			configs: t.configs,
			partitions: t.partitions.map((p) => ({
				partition: p.partition,
				leader: p.leader,
				replicas: p.replicas,
				isr: p.isr,
				offlineReplicas: p.offlineReplicas,
				addingReplicas: p.addingReplicas,
				removingReplicas: p.removingReplicas,
				earliestOffset: p.earliestOffset,
				latestOffset: p.latestOffset,
				elr: p.elr ?? null,
				lastKnownElr: p.lastKnownElr ?? null,
				error: p.error,
			})),
		})),
		groups: groups.map((g) => ({
			groupId: g.groupId,
			state: g.state,
			protocolType: g.protocolType,
			groupType: g.groupType,
			assignmentStrategy: g.assignmentStrategy,
			coordinator: g.coordinator,
			members: g.members.map((m) => ({
				memberId: m.memberId,
				groupInstanceId: m.groupInstanceId,
				clientId: m.clientId,
				host: m.host,
				assignments: m.assignments.map((a) => ({topic: a.topic, partitions: a.partitions})),
			})),
			offsets: g.offsets.map((o) => ({
				topic: o.topic,
				partition: o.partition,
				committed: o.committed,
				logEnd: o.logEnd,
				lag: o.lag,
				...(o.logStart === undefined ? {} : {logStart: o.logStart}),
				consumerId: o.consumerId,
				host: o.host,
				clientId: o.clientId,
			})),
			totalLag: g.totalLag,
			error: g.error,
			...(g.streams ? {streams: streamsJson(g.streams)} : {}),
		})),
		...(snapshot.quorum ? {quorum: quorumJson(snapshot.quorum)} : {}),
		...(snapshot.features ? {features: featuresJson(snapshot.features)} : {}),
		warnings: snapshot.warnings,
	};
}

const tasksJson = (tasks: StreamsTasks[]) => tasks.map((t) => ({subtopologyId: t.subtopologyId, partitions: t.partitions}));

function streamsJson(d: StreamsGroupDetail) {
	return {
		groupEpoch: d.groupEpoch,
		targetAssignmentEpoch: d.targetAssignmentEpoch,
		topologyEpoch: d.topologyEpoch,
		assignorName: d.assignorName ?? null,
		subtopologies: d.subtopologies.map((s) => ({subtopologyId: s.subtopologyId, sourceTopics: s.sourceTopics, repartitionSourceTopics: s.repartitionSourceTopics})),
		members: d.members.map((m) => ({
			memberId: m.memberId,
			processId: m.processId,
			memberEpoch: m.memberEpoch,
			isClassic: m.isClassic,
			activeTasks: tasksJson(m.activeTasks),
			standbyTasks: tasksJson(m.standbyTasks),
			warmupTasks: tasksJson(m.warmupTasks),
		})),
	};
}
