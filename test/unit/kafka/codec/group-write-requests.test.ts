// Byte-for-byte checks of the group write requests (OffsetCommit v8, OffsetDelete v0, DeleteGroups
// v2) against buffers built by hand from Kafka's JSON message specs, and their responses decoded.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {offsetCommitRequest} from '../../../../source/kafka/codec/offset-commit.js';
import {offsetDeleteRequest} from '../../../../source/kafka/codec/offset-delete.js';
import {deleteGroupsRequest} from '../../../../source/kafka/codec/delete-groups.js';
import {i16, i32, i64, str, cstr, bytes} from '../../../helpers/wire-bytes.js';


test('OffsetCommit v8: a non-member commit (generation -1, no member id), partitions grouped by topic', async () => {
	const req = offsetCommitRequest('g', [
		{topic: 't', partition: 0, offset: 5n},
		{topic: 'u', partition: 2, offset: 0n},
		{topic: 't', partition: 1, offset: 7n},
	]);
	assert.deepEqual([req.request.apiKey, req.request.apiVersion, req.request.apiName], [8, 8, 'OffsetCommit']);
	const part = (p: number, o: bigint) => [...i32(p), ...i64(o), ...i32(-1), ...cstr(''), 0];
	const expected = bytes([0], cstr('g'), i32(-1), cstr(''), [0], [3], cstr('t'), [3], part(0, 5n), part(1, 7n), [0], cstr('u'), [2], part(2, 0n), [0], [0]);
	assert.deepEqual((await req.request.encode()).buf, expected);
	const response = bytes([0], i32(0), [2], cstr('t'), [3], i32(0), i16(0), [0], i32(1), i16(25), [0], [0], [0]);
	assert.deepEqual(await req.response.decode(response), [
		{topic: 't', partition: 0, errorCode: 0, error: null},
		{topic: 't', partition: 1, errorCode: 25, error: 'UNKNOWN_MEMBER_ID'},
	]);
});

test('OffsetDelete v0: classic encoding; the group error and each partition error decoded', async () => {
	const req = offsetDeleteRequest('g', [{topic: 't', partitions: [0, 2]}]);
	assert.deepEqual([req.request.apiKey, req.request.apiVersion], [47, 0]);
	assert.deepEqual((await req.request.encode()).buf, bytes(str('g'), i32(1), str('t'), i32(2), i32(0), i32(2)));
	const response = bytes(i16(0), i32(0), i32(1), str('t'), i32(2), i32(0), i16(0), i32(2), i16(86));
	assert.deepEqual(await req.response.decode(response), {
		errorCode: 0,
		error: null,
		partitions: [
			{topic: 't', partition: 0, errorCode: 0, error: null},
			{topic: 't', partition: 2, errorCode: 86, error: 'GROUP_SUBSCRIBED_TO_TOPIC'},
		],
	});
});

test('DeleteGroups v2: compact encoding; NON_EMPTY_GROUP as the group error', async () => {
	const req = deleteGroupsRequest(['g']);
	assert.deepEqual([req.request.apiKey, req.request.apiVersion], [42, 2]);
	assert.deepEqual((await req.request.encode()).buf, bytes([0], [2], cstr('g'), [0]));
	const response = bytes([0], i32(0), [2], cstr('g'), i16(68), [0], [0]);
	assert.deepEqual(await req.response.decode(response), [{groupId: 'g', errorCode: 68, error: 'NON_EMPTY_GROUP'}]);
});
