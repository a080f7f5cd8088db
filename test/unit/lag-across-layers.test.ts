// Lag is defined once (domain/lag.ts): a group whose partitions read +5 and −3 (a commit read after a
// newer high watermark than the log end offset) has lag 5 in the gateway's result, the console's
// rows, the lag history's trend and status and `describe -o json`; `describe`'s text prints what
// kafka-consumer-groups.sh prints for each partition (5 and -3).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fillGroupLag} from '../../source/kafka/gateway/offsets.js';
import type {ClusterSnapshot, GroupInfo} from '../../source/domain/cluster.js';
import {emptyLagHistory, groupLagSummary, partitionKey, recordLag} from '../../source/domain/lag-history.js';
import {cellText} from '../../source/present/cells.js';
import {groupDetailTable} from '../../source/present/group-detail-rows.js';
import {groupsTable} from '../../source/present/groups-rows.js';
import {renderGroupOffsets} from '../../source/present/groups-text.js';
import {describeDocument} from '../../source/present/describe-json.js';
import {labSnapshot} from './ui-fixtures.js';

/** A group on resource-0 and resource-1 with these committed offsets, lag filled by the gateway from these log ends. */
async function gatewayGroup(committed: [bigint, bigint], logEnd: [bigint, bigint]): Promise<GroupInfo> {
	const group: GroupInfo = {
		groupId: 'g',
		state: 'Stable',
		protocolType: 'consumer',
		coordinator: 3,
		members: [{memberId: 'm-1', clientId: 'c-1', host: '/127.0.0.1', assignments: [{topic: 'resource', partitions: [0, 1]}]}],
		offsets: [0, 1].map((p) => ({topic: 'resource', partition: p, committed: committed[p]!, logEnd: null, lag: null, consumerId: 'm-1', host: '/127.0.0.1', clientId: 'c-1'})),
		totalLag: 0n,
	};
	const latest = new Map([
		['resource\u00000', logEnd[0]],
		['resource\u00001', logEnd[1]],
	]);
	// every log end is known: nothing is asked of a broker
	const noBroker = () => {
		throw new Error('no broker in this test');
	};
	await fillGroupLag([group], latest, {leaders: new Map()}, noBroker, new Map(), []);
	return group;
}

function snapshotWith(group: GroupInfo, takenAt: number): ClusterSnapshot {
	return {...labSnapshot(takenAt), groups: [group]};
}

test('+5 and −3: the gateway reports partition lags 5 and 0 and a group lag of 5', async () => {
	const g = await gatewayGroup([10n, 18n], [15n, 15n]);
	assert.deepEqual(
		g.offsets.map((o) => [o.logEnd, o.lag]),
		[
			[15n, 5n],
			[15n, 0n],
		],
	);
	assert.equal(g.totalLag, 5n);
});

test('+5 and −3 in describe: the text prints what kafka-consumer-groups.sh prints, JSON the defined lag', async () => {
	const g = await gatewayGroup([10n, 18n], [15n, 15n]);
	const text = renderGroupOffsets([g])
		.filter((c) => c.stream === 'stdout')
		.map((c) => c.text)
		.join('');
	const rows = text.split('\n').filter((l) => l.startsWith('g '));
	// GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG … (ConsumerGroupCommand: end − offset as read)
	assert.deepEqual(
		rows.map((r) => r.trim().split(/\s+/).slice(2, 6)),
		[
			['0', '10', '15', '5'],
			['1', '18', '15', '-3'],
		],
	);
	const doc = describeDocument(snapshotWith(g, 1), {topics: [], groups: [g]}) as unknown as {groups: Array<{totalLag: bigint; offsets: Array<{lag: bigint | null}>}>};
	assert.equal(doc.groups[0]!.totalLag, 5n);
	assert.deepEqual(
		doc.groups[0]!.offsets.map((o) => o.lag),
		[5n, 0n],
	);
});

test('+5 and −3 in the console: the LAG column and the trend and status come from the same lag', async () => {
	const at = 1_700_000_000_000;
	// a second poll 2 s later: partition 0 falls further behind (+10), partition 1 reads −1
	const first = snapshotWith(await gatewayGroup([10n, 18n], [15n, 15n]), at);
	const second = snapshotWith(await gatewayGroup([10n, 20n], [20n, 19n]), at + 2000);
	let history = recordLag(emptyLagHistory, first);
	const firstLag = cellText(groupsTable(first, history).rows[0]!.cells[4]!);
	history = recordLag(history, second);

	const groups = groupsTable(second, history);
	assert.deepEqual([firstLag, cellText(groups.rows[0]!.cells[4]!)], ['5', '10']);
	assert.deepEqual(
		history.groups.get('g')!.map((s) => s.lag),
		[5n, 10n],
		'the group trend is computed from the lags the LAG column showed',
	);
	assert.deepEqual(
		history.partitions.get(partitionKey('g', 'resource', 1))!.map((s) => s.lag),
		[0n, 0n],
	);
	const summary = groupLagSummary(history, second.groups[0]!);
	assert.equal(summary.trend, 'growing');
	assert.equal(cellText(groups.rows[0]!.cells[5]!).includes('growing'), true);

	const detail = groupDetailTable(second, history, 'g')!;
	assert.deepEqual(
		detail.rows.map((r) => cellText(r.cells[4]!)),
		['10', '0'],
	);
	assert.equal(summary.status, 'STALL', 'partition 0: committed offset did not move while lag grew');
});
