// Topics as `kafka-topics.sh --describe` prints them (Kafka 4.x TopicCommand, byte for byte):
//   Topic: t<TAB>TopicId: id<TAB>PartitionCount: 3<TAB>ReplicationFactor: 3<TAB>Configs: k=v,…
//   <TAB>Topic: t<TAB>Partition: 0<TAB>Leader: 3<TAB>Replicas: 3,4,5<TAB>Isr: 3,4,5[<TAB>Adding Replicas: …<TAB>Removing Replicas: …]<TAB>Elr: …<TAB>LastKnownElr: …
// With a filter (--under-replicated, …) only the matching partition lines are printed, no header,
// as TopicCommand does. Pure: a function of the snapshot's topics and brokers.
import type {BrokerInfo, PartitionInfo, TopicInfo} from '../domain/cluster.js';
import {partitionFilter, replicationFactor, type PartitionFilter} from '../domain/health.js';
import {forText} from '../terminal-safe.js';

export interface TopicsTextOptions {
	/** partition filters, OR-ed like TopicCommand's report options */
	filters?: PartitionFilter[];
}

export function topicHeader(topic: TopicInfo): string {
	const first = topic.partitions[0];
	const rf = first ? replicationFactor(first) : 0;
	const configs = Object.entries(topic.configs ?? {})
		.map(([k, v]) => `${k}=${v}`)
		.join(',');
	return (
		`Topic: ${topic.name}` +
		(topic.topicId && topic.topicId !== 'AAAAAAAAAAAAAAAAAAAAAA' ? `\tTopicId: ${topic.topicId}` : '') +
		`\tPartitionCount: ${topic.partitions.length}\tReplicationFactor: ${rf}\tConfigs: ${configs}`
	);
}

export function partitionLine(topic: string, p: PartitionInfo): string {
	let line =
		`\tTopic: ${topic}\tPartition: ${p.partition}\tLeader: ${p.leader === null ? 'none' : p.leader}` +
		`\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}`;
	if (p.addingReplicas.length > 0 || p.removingReplicas.length > 0) {
		line += `\tAdding Replicas: ${p.addingReplicas.join(',')}\tRemoving Replicas: ${p.removingReplicas.join(',')}`;
	}
	line += `\tElr: ${p.elr ? p.elr.join(',') : 'N/A'}`;
	line += `\tLastKnownElr: ${p.lastKnownElr ? p.lastKnownElr.join(',') : 'N/A'}`;
	return line;
}

/**
 * The topic with the strings its lines print escaped: the name, the id and the configs. A
 * partition line prints only numbers (its error text is not part of TopicCommand's layout), so the
 * partitions are passed as they are rather than walked field by field (10,000 of them at scale).
 */
function textFields(topic: TopicInfo): TopicInfo {
	const name = forText(topic.name);
	const topicId = topic.topicId === undefined ? undefined : forText(topic.topicId);
	const configs = topic.configs === undefined ? undefined : forText(topic.configs);
	if (name === topic.name && topicId === topic.topicId && configs === topic.configs) return topic;
	return {...topic, name, topicId, configs};
}

/** The text, one line per entry, each ending in a newline ('' when nothing matches). */
export function renderTopicsText(anyTopics: TopicInfo[], brokers: BrokerInfo[], options: TopicsTextOptions = {}): string {
	// names and config values as shown (escaped): a tab or newline in a name cannot fake a column or a line
	const topics = anyTopics.map(textFields);
	const filters = options.filters ?? [];
	const predicates = filters.map((f) => partitionFilter(f, brokers));
	const lines: string[] = [];
	for (const topic of topics) {
		if (predicates.length === 0) {
			if (topic.partitions.length === 0) continue;
			lines.push(topicHeader(topic));
		}
		for (const p of topic.partitions) {
			if (predicates.length === 0 || predicates.some((match) => match(topic, p))) {
				lines.push(partitionLine(topic.name, p));
			}
		}
	}
	return lines.map((l) => l + '\n').join('');
}
