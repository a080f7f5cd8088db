// The topics of a snapshot: rows from the Metadata answer (a topic's error is a warning, a
// partition's a field), then what a describe may add, one request each: configs (DescribeConfigs),
// reassignments in progress (ListPartitionReassignments) and ELR (DescribeTopicPartitions, paged,
// the pages of separate topics asked at once).
import type {PartitionInfo, TopicInfo} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import {describeError, type Link} from '../connection/node.js';
import {describeTopicConfigs, SOURCE_DEFAULT_CONFIG} from '../codec/describe-configs.js';
import {describeTopicPartitionsRequest} from '../codec/describe-topic-partitions.js';
import {listPartitionReassignments} from '../codec/list-partition-reassignments.js';
import type {MetadataResponse} from '../codec/metadata.js';
import {ApiKey} from '../codec/request.js';

/** Topics sorted by name, and the leader of every partition (null: none). */
export function topicRows(
	metadata: MetadataResponse,
	warnings: string[],
): {topics: TopicInfo[]; leaders: Map<string, Map<number, number | null>>} {
	const topics: TopicInfo[] = [];
	const leaders = new Map<string, Map<number, number | null>>();
	for (const t of metadata.topics) {
		if (t.name === null) continue;
		if (t.errorCode !== 0) {
			warnings.push(`topic '${t.name}': ${errorName(t.errorCode)}`);
			continue;
		}
		const partitions: PartitionInfo[] = t.partitions
			.map((p) => {
				const info: PartitionInfo = {
					partition: p.partition,
					leader: p.leader >= 0 ? p.leader : null,
					replicas: p.replicas,
					isr: p.isr,
					offlineReplicas: p.offlineReplicas,
					addingReplicas: [],
					removingReplicas: [],
					earliestOffset: null,
					latestOffset: null,
				};
				if (p.errorCode !== 0) info.error = errorName(p.errorCode);
				return info;
			})
			.sort((a, b) => a.partition - b.partition);
		const topic: TopicInfo = {name: t.name, internal: t.internal, partitions};
		if (t.topicId) topic.topicId = t.topicId;
		topics.push(topic);
		leaders.set(t.name, new Map(partitions.map((p) => [p.partition, p.leader])));
	}
	topics.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {topics, leaders};
}

/** min.insync.replicas and the non-default configs of `topics`, one DescribeConfigs. */
export async function fillConfigs(node: Link, topics: string[], byName: Map<string, TopicInfo>, warnings: string[]) {
	const version = node.pick(ApiKey.DescribeConfigs, 1, 3);
	if (version === undefined) {
		warnings.push('the cluster speaks no DescribeConfigs version kcon implements; topic configs unknown');
		return;
	}
	try {
		const {resources} = await node.send(describeTopicConfigs(version, topics));
		for (const r of resources) {
			const topic = byName.get(r.name);
			if (!topic) continue;
			if (r.errorCode !== 0) {
				warnings.push(`configs of topic '${r.name}': ${errorName(r.errorCode)}`);
				continue;
			}
			const configs: Record<string, string> = {};
			for (const e of r.configs) {
				if (e.name === 'min.insync.replicas' && e.value !== null) topic.minInsyncReplicas = Number(e.value);
				if (e.source !== SOURCE_DEFAULT_CONFIG) configs[e.name] = e.sensitive ? '' : (e.value ?? '');
			}
			topic.configs = configs;
		}
	} catch (error) {
		warnings.push(`DescribeConfigs failed: ${describeError(error)}`);
	}
}

/** Adding/removing replicas of the partitions being reassigned, one ListPartitionReassignments. */
export async function fillReassignments(node: Link, byName: Map<string, TopicInfo>, warnings: string[]) {
	if (!node.supports(ApiKey.ListPartitionReassignments, 0)) return;
	try {
		const result = await node.send(listPartitionReassignments(null, 10_000));
		if (result.errorCode !== 0) {
			warnings.push(`ListPartitionReassignments: ${errorName(result.errorCode)}`);
			return;
		}
		for (const r of result.reassignments) {
			const p = byName.get(r.topic)?.partitions.find((x) => x.partition === r.partition);
			if (!p) continue;
			p.addingReplicas = r.addingReplicas;
			p.removingReplicas = r.removingReplicas;
		}
	} catch (error) {
		warnings.push(`ListPartitionReassignments failed: ${describeError(error)}`);
	}
}

/** Partitions a DescribeTopicPartitions answer holds at most (the broker's default page size). */
const ELR_PAGE = 2000;

/**
 * The ELR columns of every partition, from DescribeTopicPartitions. The broker answers in pages of
 * at most 2,000 partitions, each asked for with the cursor of the one before; so the topics are
 * split into groups of at most a page each (a bigger topic is a group of its own, paged), and the
 * groups are asked at once, spread over the brokers' links: one round trip for a cluster of any
 * size instead of one per 2,000 partitions.
 */
export async function fillElr(links: readonly Link[], topics: TopicInfo[], warnings: string[]) {
	const able = links.filter((link) => link.supports(ApiKey.DescribeTopicPartitions, 0));
	if (able.length === 0 || topics.length === 0) return;
	const groups: TopicInfo[][] = [];
	let group: TopicInfo[] = [];
	let size = 0;
	for (const topic of [...topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		if (group.length > 0 && size + topic.partitions.length > ELR_PAGE) {
			groups.push(group);
			group = [];
			size = 0;
		}
		group.push(topic);
		size += topic.partitions.length;
	}
	if (group.length > 0) groups.push(group);
	const failures = new Set<string>();
	await Promise.all(groups.map((g, i) => elrPages(able[i % able.length]!, g).catch((error: unknown) => void failures.add(describeError(error)))));
	for (const failure of failures) warnings.push(`DescribeTopicPartitions failed: ${failure}`);
}

/** One group of topics (sorted by name), page after page until the broker sends no cursor. */
async function elrPages(node: Link, topics: TopicInfo[]): Promise<void> {
	const byName = new Map(topics.map((t) => [t.name, t]));
	const partitionsOf = new Map<string, Map<number, PartitionInfo>>();
	let cursor: {topic: string; partition: number} | null = null as {topic: string; partition: number} | null;
	for (let round = 0; round < 1000; round++) {
		// the broker answers in name order: from the cursor's topic on
		const names: string[] = cursor ? topics.map((t) => t.name).filter((n) => n >= cursor!.topic) : topics.map((t) => t.name);
		const result = await node.send(describeTopicPartitionsRequest(names, ELR_PAGE, cursor));
		for (const t of result.topics) {
			const topic = byName.get(t.topic);
			if (!topic) continue;
			let partitions = partitionsOf.get(t.topic);
			if (!partitions) partitionsOf.set(t.topic, (partitions = new Map(topic.partitions.map((p) => [p.partition, p]))));
			for (const e of t.partitions) {
				const p = partitions.get(e.partition);
				if (!p) continue;
				if (e.elr) p.elr = e.elr;
				if (e.lastKnownElr) p.lastKnownElr = e.lastKnownElr;
			}
		}
		if (!result.next) break;
		cursor = result.next;
	}
}
