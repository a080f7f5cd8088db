// fillElr against fake links that answer DescribeTopicPartitions the way a broker pages it: the
// topics asked for in name order, at most the asked limit of partitions per answer, a cursor where
// the answer stopped. The requests are read back from their encoded bytes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {PartitionInfo, TopicInfo} from '../../../../source/domain/cluster.js';
import type {Link} from '../../../../source/kafka/connection/node.js';
import type {WireRequest} from '../../../../source/kafka/codec/request.js';
import {fillElr} from '../../../../source/kafka/gateway/topics.js';

function uvarint(buf: Buffer, at: {pos: number}): number {
	let value = 0;
	let shift = 0;
	for (;;) {
		const b = buf[at.pos++]!;
		value += (b & 0x7f) * 2 ** shift;
		if (b < 0x80) return value;
		shift += 7;
	}
}

/** The topic names, limit and cursor of an encoded DescribeTopicPartitions v0 request body. */
function readRequest(buf: Buffer): {topics: string[]; limit: number; cursor: {topic: string; partition: number} | null} {
	const at = {pos: 0};
	uvarint(buf, at); // the header's tagged fields
	const topics: string[] = [];
	for (let n = uvarint(buf, at) - 1; n > 0; n--) {
		const len = uvarint(buf, at) - 1;
		topics.push(buf.toString('utf8', at.pos, at.pos + len));
		at.pos += len;
		uvarint(buf, at); // the topic's tagged fields
	}
	const limit = buf.readInt32BE(at.pos);
	at.pos += 4;
	if (buf.readInt8(at.pos) === -1) return {topics, limit, cursor: null};
	at.pos += 1;
	const len = uvarint(buf, at) - 1;
	const topic = buf.toString('utf8', at.pos, at.pos + len);
	at.pos += len;
	return {topics, limit, cursor: {topic, partition: buf.readInt32BE(at.pos)}};
}

interface Asked {
	link: number;
	topics: string[];
	cursor: {topic: string; partition: number} | null;
}

/** A link to a broker that knows `cluster` (topic → partition count) and gives every partition ELR [id]. */
function fakeLink(id: number, cluster: Map<string, number>, asked: Asked[], fail = false): Link {
	return {
		supports: () => true,
		send: async <T>(request: WireRequest<T>): Promise<T> => {
			const {topics, limit, cursor} = readRequest((await request.request.encode()).buf);
			asked.push({link: id, topics, cursor});
			if (fail) throw new Error('connection closed');
			const out: Array<{topic: string; partitions: Array<{partition: number; elr: number[]; lastKnownElr: number[]}>}> = [];
			let left = limit;
			for (const topic of [...topics].sort()) {
				const count = cluster.get(topic) ?? 0;
				const first = cursor && cursor.topic === topic ? cursor.partition : 0;
				const partitions = [];
				for (let p = first; p < count; p++) {
					if (left === 0) {
						if (partitions.length > 0) out.push({topic, partitions});
						return {topics: out, next: {topic, partition: p}} as T;
					}
					partitions.push({partition: p, elr: [id], lastKnownElr: []});
					left--;
				}
				out.push({topic, partitions});
			}
			return {topics: out, next: null} as T;
		},
	} as unknown as Link;
}

function topicsOf(cluster: Map<string, number>): TopicInfo[] {
	return [...cluster].map(([name, count]) => ({
		name,
		internal: false,
		partitions: Array.from({length: count}, (_, partition): PartitionInfo => ({
			partition, leader: 3, replicas: [3], isr: [3], offlineReplicas: [], addingReplicas: [], removingReplicas: [], earliestOffset: null, latestOffset: null,
		})),
	}));
}

test('ELR: topics asked in groups of at most 2,000 partitions at once, spread over the links; a bigger topic is paged on its own', async () => {
	// 30 topics × 100 partitions, one of 4,500, one of 7: every partition must get its ELR
	const cluster = new Map<string, number>([['big', 4500], ['tiny', 7]]);
	for (let t = 0; t < 30; t++) cluster.set(`t-${String(t).padStart(2, '0')}`, 100);
	const topics = topicsOf(cluster);
	const asked: Asked[] = [];
	const warnings: string[] = [];
	await fillElr([fakeLink(3, cluster, asked), fakeLink(4, cluster, asked), fakeLink(5, cluster, asked)], topics, warnings);
	assert.deepEqual(warnings, []);
	for (const t of topics) for (const p of t.partitions) assert.ok(p.elr && p.elr.length === 1 && p.lastKnownElr, `${t.name}-${p.partition} has no ELR`);
	// 'big' alone (three pages: 2,000 + 2,000 + 500), then t-00…t-19 (2,000), then t-20…t-29 and tiny
	const firsts = asked.filter((a) => a.cursor === null).map((a) => a.topics);
	assert.deepEqual(firsts.map((names) => [names[0], names.at(-1), names.length]), [
		['big', 'big', 1],
		['t-00', 't-19', 20],
		['t-20', 'tiny', 11],
	]);
	assert.deepEqual(asked.filter((a) => a.cursor !== null).map((a) => a.cursor), [{topic: 'big', partition: 2000}, {topic: 'big', partition: 4000}]);
	assert.deepEqual(new Set(asked.filter((a) => a.cursor === null).map((a) => a.link)), new Set([3, 4, 5]), 'the groups go to different brokers');
	// each page of 'big' on the link that asked for its first page
	assert.equal(new Set(asked.filter((a) => a.topics.includes('big')).map((a) => a.link)).size, 1);
});

test('ELR: a link that fails is one warning; the groups other links answered keep their ELR', async () => {
	const cluster = new Map<string, number>();
	for (let t = 0; t < 40; t++) cluster.set(`t-${String(t).padStart(2, '0')}`, 100);
	const topics = topicsOf(cluster);
	const asked: Asked[] = [];
	const warnings: string[] = [];
	await fillElr([fakeLink(3, cluster, asked), fakeLink(4, cluster, asked, true)], topics, warnings);
	assert.deepEqual(warnings, ['DescribeTopicPartitions failed: connection closed']);
	const withElr = topics.filter((t) => t.partitions.every((p) => p.elr !== undefined)).map((t) => t.name);
	assert.deepEqual(withElr, topics.slice(0, 20).map((t) => t.name));
	assert.ok(topics.slice(20).every((t) => t.partitions.every((p) => p.elr === undefined)), 'the failed group says nothing (N/A)');
});
