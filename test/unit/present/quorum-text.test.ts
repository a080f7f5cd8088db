// The quorum and feature texts against what Kafka 4.2.1's own tools printed on a `--topology lab`
// cluster (MetadataQuorumCommand describe --replication, FeatureCommand describe), fed the values
// those tools had read.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {QuorumInfo, QuorumReplica} from '../../../source/domain/quorum.js';
import {renderQuorumReplication, renderQuorumStatus} from '../../../source/present/quorum-text.js';
import {renderFeaturesText} from '../../../source/present/features-text.js';
import {featuresJson, quorumJson} from '../../../source/present/describe-json.js';
import {toJson} from '../../../source/present/json.js';

const replica = (id: number, directoryId: string, fetched: number, endpoints: string[] = []): QuorumReplica => ({
	id,
	directoryId,
	logEndOffset: 193n,
	lastFetchTimestamp: fetched,
	lastCaughtUpTimestamp: fetched,
	endpoints,
});

const quorum = (): QuorumInfo => ({
	leaderId: 1,
	leaderEpoch: 1,
	highWatermark: 185n,
	version: 2,
	voters: [
		replica(0, '0KWUnmaFLcRWSaiqO0icLQ', 1796192085396, ['CONTROLLER://127.0.0.1:30090']),
		replica(1, 't1V9CByN7DNPo442dreZ8Q', 1796192085671, ['CONTROLLER://127.0.0.1:30091']),
		replica(2, 'wdd5gS_kcbvW7F1Lu-qJgA', 1796192085348, ['CONTROLLER://127.0.0.1:30092']),
	],
	observers: [replica(3, 'BKJlcmDvmwQMdYAM3My0WQ', 1796192085346), replica(4, '8WnArzyZOHaDqDQb3Bn8-A', 1796192085348), replica(5, 'FjgWcMhEOrrEUh5YdU8wrw', 1796192085352)],
});

test('--replication: the Java table byte for byte (cells padded, each followed by a tab), leader first', () => {
	assert.equal(
		renderQuorumReplication(quorum()),
		'NodeId\tDirectoryId           \tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus  \t\n' +
			'1     \tt1V9CByN7DNPo442dreZ8Q\t193         \t0  \t1796192085671     \t1796192085671        \tLeader  \t\n' +
			'0     \t0KWUnmaFLcRWSaiqO0icLQ\t193         \t0  \t1796192085396     \t1796192085396        \tFollower\t\n' +
			'2     \twdd5gS_kcbvW7F1Lu-qJgA\t193         \t0  \t1796192085348     \t1796192085348        \tFollower\t\n' +
			'3     \tBKJlcmDvmwQMdYAM3My0WQ\t193         \t0  \t1796192085346     \t1796192085346        \tObserver\t\n' +
			'4     \t8WnArzyZOHaDqDQb3Bn8-A\t193         \t0  \t1796192085348     \t1796192085348        \tObserver\t\n' +
			'5     \tFjgWcMhEOrrEUh5YdU8wrw\t193         \t0  \t1796192085352     \t1796192085352        \tObserver\t\n',
	);
});

test('--status: the eight lines; the lagging follower is the first voter with the smallest log-end offset', () => {
	const q = quorum();
	q.voters[2]!.logEndOffset = 180n;
	assert.equal(
		renderQuorumStatus('z0ReZOElD1_9JOC_XUUt-A', q),
		'ClusterId:              z0ReZOElD1_9JOC_XUUt-A\n' +
			'LeaderId:               1\n' +
			'LeaderEpoch:            1\n' +
			'HighWatermark:          185\n' +
			'MaxFollowerLag:         13\n' +
			'MaxFollowerLagTimeMs:   323\n' +
			'CurrentVoters:          [{"id": 0, "directoryId": "0KWUnmaFLcRWSaiqO0icLQ", "endpoints": ["CONTROLLER://127.0.0.1:30090"]}, {"id": 1, "directoryId": "t1V9CByN7DNPo442dreZ8Q", "endpoints": ["CONTROLLER://127.0.0.1:30091"]}, {"id": 2, "directoryId": "wdd5gS_kcbvW7F1Lu-qJgA", "endpoints": ["CONTROLLER://127.0.0.1:30092"]}]\n' +
			'CurrentObservers:       [{"id": 3, "directoryId": "BKJlcmDvmwQMdYAM3My0WQ"}, {"id": 4, "directoryId": "8WnArzyZOHaDqDQb3Bn8-A"}, {"id": 5, "directoryId": "FjgWcMhEOrrEUh5YdU8wrw"}]\n',
	);
});

test('no leader: LeaderId -1 and -1 lags (the Java tool fails there); no directory id prints null; a hostile endpoint is escaped', () => {
	const q = quorum();
	q.leaderId = -1;
	q.voters[0]!.directoryId = null;
	q.voters[0]!.endpoints = ['CONTROLLER://evil\u001b]0;x\u0007:1'];
	const text = renderQuorumStatus(null, q);
	assert.match(text, /^LeaderId: {15}-1$/m);
	assert.match(text, /^MaxFollowerLag: {9}-1$/m);
	assert.match(text, /\{"id": 0, "directoryId": null, "endpoints": \["CONTROLLER:\/\/evil\\e\]0;x\\x07:1"\]\}/);
	assert.doesNotMatch(text, /\u001b/);
	const table = renderQuorumReplication(q);
	assert.match(table, /^0 {5}\tAAAAAAAAAAAAAAAAAAAAAA\t193 {9}\t- {2}\t/m);
	assert.doesNotMatch(table, /Leader /);
});

test('quorum JSON: stable names, the derived figures, voters up on the leader clock', () => {
	const q = quorum();
	q.voters[2]!.lastFetchTimestamp = 1796192085671 - 60_000; // silent for a minute: down
	const doc = JSON.parse(toJson(quorumJson({available: true, quorum: q}))) as Record<string, unknown> & {voters: {id: number; role: string; lag: number}[]};
	assert.equal(doc['leaderId'], 1);
	assert.equal(doc['votersUp'], 2);
	assert.equal(doc['votersTotal'], 3);
	assert.equal(doc['maxFollowerLag'], 0);
	assert.deepEqual(doc.voters.map((v) => [v.id, v.role, v.lag]), [[1, 'Leader', 0], [0, 'Follower', 0], [2, 'Follower', 0]]);
	assert.deepEqual(Object.keys(doc.voters[0]!), ['id', 'directoryId', 'endpoints', 'logEndOffset', 'lag', 'lastFetchTimestamp', 'lastCaughtUpTimestamp', 'role']);
	assert.deepEqual(quorumJson({available: false, reason: 'UNSUPPORTED_VERSION'}), {available: false, reason: 'UNSUPPORTED_VERSION'});
});

test('features: kafka-features.sh describe lines, metadata.version by name, unknown levels, JSON with the numbers', () => {
	const features = {
		epoch: 206n,
		features: [
			{name: 'eligible.leader.replicas.version', supportedMin: 0, supportedMax: 1, finalized: 1},
			{name: 'metadata.version', supportedMin: 7, supportedMax: 29, finalized: 29},
		],
	};
	assert.equal(
		renderFeaturesText(features),
		'Feature: eligible.leader.replicas.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 1\tEpoch: 206\n' +
			'Feature: metadata.version\tSupportedMinVersion: 3.3-IV3\tSupportedMaxVersion: 4.2-IV1\tFinalizedVersionLevel: 4.2-IV1\tEpoch: 206\n',
	);
	// a level past the table is a broker newer than kcon: the newest (padded) layout
	assert.match(renderFeaturesText({epoch: null, features: [{name: 'metadata.version', supportedMin: 7, supportedMax: 99, finalized: 0}]}), /SupportedMaxVersion: UNKNOWN 99 {7}FinalizedVersionLevel: UNKNOWN 0 {8}Epoch: -$/m);
	const doc = featuresJson({available: true, features});
	assert.equal(doc['metadataVersion'], '4.2-IV1');
	assert.deepEqual((doc['levels'] as unknown[])[1], {name: 'metadata.version', supportedMinVersion: 7, supportedMaxVersion: 29, finalizedVersionLevel: 29});
});

// What Kafka 4.4.0's FeatureCommand describe printed for a combined lab (epoch 731): the fields
// padded into columns, no tabs — the layout kcon uses when the broker supports 4.4-IV0 or later.
test('features: a Kafka 4.4 broker gets FeatureCommand 4.4\'s padded columns', () => {
	const features = {
		epoch: 731n,
		features: [
			{name: 'eligible.leader.replicas.version', supportedMin: 0, supportedMax: 1, finalized: 1},
			{name: 'metadata.version', supportedMin: 7, supportedMax: 33, finalized: 33},
			{name: 'share.version', supportedMin: 0, supportedMax: 2, finalized: 2},
		],
	};
	assert.equal(
		renderFeaturesText(features),
		'Feature: eligible.leader.replicas.version          SupportedMinVersion: 0                SupportedMaxVersion: 1                FinalizedVersionLevel: 1                Epoch: 731\n' +
			'Feature: metadata.version                          SupportedMinVersion: 3.3-IV3          SupportedMaxVersion: 4.4-IV2          FinalizedVersionLevel: 4.4-IV2          Epoch: 731\n' +
			'Feature: share.version                             SupportedMinVersion: 0                SupportedMaxVersion: 2                FinalizedVersionLevel: 2                Epoch: 731\n',
	);
	// a name longer than the column is not cut, two spaces still follow it
	const long = renderFeaturesText({epoch: 1n, features: [{name: 'x'.repeat(45), supportedMin: 0, supportedMax: 1, finalized: 1}, {name: 'metadata.version', supportedMin: 7, supportedMax: 31, finalized: 31}]});
	assert.match(long, /^Feature: x{45}  SupportedMinVersion: 0 {16}SupportedMaxVersion/m);
	// below 4.4-IV0 the tab layout stays (4.2.1's tool printed tabs; no 4.3 tool was compared)
	assert.match(renderFeaturesText({epoch: 1n, features: [{name: 'metadata.version', supportedMin: 7, supportedMax: 30, finalized: 30}]}), /^Feature: metadata\.version\tSupportedMinVersion: 3\.3-IV3\t/);
});
