// Producing records (`kcon produce`): refused in read-only mode before anything connects; the topic
// and partition checked against fresh metadata; then the records, audited with their count and
// where they went.
import {UsageError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import {produceRecords, type OutgoingRecord, type WrittenRecord} from '../kafka/produce/producer.js';
import {readSnapshot} from './cluster-snapshot.js';
import {audited, guarded, type Via} from './guard.js';

export type {OutgoingRecord, WrittenRecord};

export interface ProduceChoice {
	topic: string;
	records: OutgoingRecord[];
	acks: 0 | 1 | -1;
	compression: 'none' | 'gzip';
	via?: Via;
}

export async function produce(settings: Settings, choice: ProduceChoice): Promise<WrittenRecord[]> {
	const {topic, records} = choice;
	const partitionsAsked = [...new Set(records.map((r) => r.partition).filter((p): p is number => p !== null))];
	const op = guarded(settings, 'produce', {topic, records: records.length, acks: choice.acks === -1 ? 'all' : choice.acks, compression: choice.compression, ...(partitionsAsked.length ? {partitions: partitionsAsked} : {})}, choice.via);
	const snapshot = await readSnapshot(settings, {topics: [topic], offsets: false, groups: false, configs: false, reassignments: false});
	const info = snapshot.topics.find((t) => t.name === topic);
	if (!info) throw new UsageError(`topic '${topic}' does not exist`);
	for (const p of partitionsAsked) {
		if (!info.partitions.some((x) => x.partition === p)) throw new UsageError(`partition ${topic}-${p} does not exist (topic has ${info.partitions.length} partitions)`);
	}
	if (records.length === 0) return [];
	return audited(
		op,
		() => produceRecords(settings, records, {topic, acks: choice.acks, compression: choice.compression, partitions: info.partitions.map((p) => ({partition: p.partition, leader: p.leader ?? -1}))}),
		(w) => `${w.length} record(s) written`,
	);
}
