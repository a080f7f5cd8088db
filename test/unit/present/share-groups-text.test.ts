// Share groups as kafka-share-groups.sh --describe prints them: the expected text is what Kafka
// 4.2.1's ShareGroupCommand printed for a lab's `gshare` (one ConsoleShareConsumer on `resource`),
// plus the notes of its Empty / Dead / no-offsets paths and escaped hostile ids.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BrokerInfo, GroupInfo} from '../../../source/domain/cluster.js';
import {assignmentText, renderShareMembers, renderShareOffsets, renderShareStates} from '../../../source/present/share-groups-text.js';

const member = {memberId: '8EPhwSoXQ_Shnl8N_RnjFw', clientId: 'console-share-consumer', host: '/127.0.0.1', assignments: [{topic: 'resource', partitions: [2, 0, 1]}]};
const row = (partition: number, committed: bigint | null, lag: bigint | null) => ({topic: 'resource', partition, committed, logEnd: 70n, lag, consumerId: null, host: null, clientId: null});
const gshare: GroupInfo = {
	groupId: 'gshare', state: 'Stable', protocolType: 'share', groupType: 'share', coordinator: 3, assignmentStrategy: 'simple',
	members: [member], offsets: [row(0, 61n, 0n), row(1, 61n, 2n), row(2, 60n, 2n)], totalLag: 4n,
};
const brokers: BrokerInfo[] = [{id: 3, host: '127.0.0.1', port: 17090, rack: null}] as BrokerInfo[];
const stdout = (chunks: {stream: string; text: string}[]) => chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
const stderr = (chunks: {stream: string; text: string}[]) => chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');

test('offsets: GROUP TOPIC PARTITION START-OFFSET LAG as ShareGroupCommand printed them', () => {
	assert.equal(
		stdout(renderShareOffsets([gshare])),
		'\nGROUP           TOPIC           PARTITION  START-OFFSET  LAG\n' +
			'gshare          resource        0          61            0\n' +
			'gshare          resource        1          61            2\n' +
			'gshare          resource        2          60            2\n',
	);
	// an unknown start offset or lag is "-"
	assert.match(stdout(renderShareOffsets([{...gshare, offsets: [row(0, null, null)]}])), /\ngshare {10}resource {8}0 {10}- {13}-\n$/);
	assert.equal(stdout(renderShareOffsets([{...gshare, offsets: []}])), "\nShare group 'gshare' has no offset information.\n");
});

test('--members: GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS ASSIGNMENT, widths from the values', () => {
	assert.equal(
		stdout(renderShareMembers([gshare])),
		'\nGROUP           CONSUMER-ID            HOST            CLIENT-ID              #PARTITIONS  ASSIGNMENT\n' +
			'gshare          8EPhwSoXQ_Shnl8N_RnjFw /127.0.0.1      console-share-consumer 3            resource:0,1,2\n',
	);
	const empty = renderShareMembers([{...gshare, state: 'Empty', members: []}]);
	assert.deepEqual([stdout(empty), stderr(empty)], ['', "\nShare group 'gshare' has no active members.\n"]);
	assert.equal(assignmentText([{topic: 'b', partitions: [3]}, {topic: 'a', partitions: [1, 0]}]), 'a:0,1;b:3');
});

test('--state: GROUP COORDINATOR (ID) STATE #MEMBERS; Dead says the group does not exist', () => {
	assert.equal(
		stdout(renderShareStates([gshare], brokers)),
		'\nGROUP           COORDINATOR (ID)          STATE           #MEMBERS\n' + 'gshare          127.0.0.1:17090  (3)      Stable          1\n',
	);
	assert.match(stdout(renderShareOffsets([{...gshare, state: 'Dead'}])), /^\nError: Share group 'gshare' does not exist\.\n$/);
});

test('a hostile group id or client id is escaped, and the columns fit what is shown', () => {
	const hostile = {...gshare, groupId: 'g\u001b[2J', members: [{...member, clientId: 'c\u0007'}]};
	const text = stdout(renderShareMembers([hostile])) + stdout(renderShareOffsets([hostile]));
	assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f]/);
});
