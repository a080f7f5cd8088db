// A share group's rows from DescribeShareGroupOffsets, and its state and members from
// ShareGroupDescribe, as group-share.ts puts them into GroupInfo.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {GroupInfo} from '../../../../source/domain/cluster.js';
import {applyShare, shareOffsetRows} from '../../../../source/kafka/gateway/group-share.js';

const part = (partition: number, startOffset: bigint, lag: bigint, errorCode = 0) => ({partition, startOffset, leaderEpoch: 0, lag, errorCode, errorMessage: null});

test('rows: sorted by topic and partition; a negative start offset or lag is unknown; an errored partition is left out', () => {
	const rows = shareOffsetRows({
		groupId: 'g', errorCode: 0, errorMessage: null,
		topics: [
			{topic: 'z', topicId: 'x', partitions: [part(1, 5n, 2n), part(0, -1n, -1n)]},
			{topic: 'a', topicId: 'y', partitions: [part(0, 9n, -1n), part(1, 3n, 1n, 3)]},
		],
	});
	assert.deepEqual(rows.map((r) => [r.topic, r.partition, r.committed, r.lag]), [['a', 0, 9n, null], ['z', 0, null, null], ['z', 1, 5n, 2n]]);
});

test('ShareGroupDescribe: state, assignor and members; GROUP_ID_NOT_FOUND is Dead, another error is the error', () => {
	const g = (): GroupInfo => ({groupId: 'g', state: 'Unknown', protocolType: '', coordinator: 3, members: [], offsets: [], totalLag: 0n});
	const d = {errorCode: 0, errorMessage: null, groupId: 'g', state: 'Stable', groupEpoch: 2, assignmentEpoch: 2, assignorName: 'simple', members: [
		{memberId: 'm', rackId: null, memberEpoch: 2, clientId: 'c', clientHost: '/127.0.0.1', subscribedTopicNames: ['t'], assignment: [{topicId: 'x', topic: 't', partitions: [0]}]},
	]};
	const ok = g();
	applyShare(ok, d);
	assert.deepEqual([ok.state, ok.groupType, ok.assignmentStrategy, ok.members], ['Stable', 'share', 'simple', [{memberId: 'm', clientId: 'c', host: '/127.0.0.1', assignments: [{topic: 't', partitions: [0]}]}]]);
	const gone = g();
	applyShare(gone, {...d, errorCode: 69, errorMessage: 'Group g not found.'});
	assert.deepEqual([gone.state, gone.groupType, gone.error], ['Dead', 'share', undefined]);
	const denied = g();
	applyShare(denied, {...d, errorCode: 30, errorMessage: null});
	assert.equal(denied.state, 'Unknown');
	assert.match(denied.error!, /GROUP_AUTHORIZATION_FAILED/);
});
