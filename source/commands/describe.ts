// `kcon describe [brokers|topics|topic NAME|groups|group ID|quorum|cluster|agents]`: the cluster as text that reads
// like Kafka's own tools, or one JSON document (-o json). Never loads Ink or React.
// Exit: 0 described what it reached (also with brokers down / partitions offline), 1 no broker
// reachable, 2 usage (unknown view or flag, topic or group that does not exist).
import type {CommandContext} from './context.js';
import {outputFormat, parseConnectionArgs} from '../config/args.js';
import {resolveSettings, type Settings} from '../config/settings.js';
import {KconError, UsageError} from '../errors.js';
import type {ClusterSnapshot, GroupInfo, TopicInfo} from '../domain/cluster.js';
import {partitionFilter, type PartitionFilter} from '../domain/health.js';
import {createGateway, type SnapshotOptions} from '../kafka/gateway/gateway.js';
import {toJson} from '../present/json.js';
import {describeDocument, featuresJson, quorumJson} from '../present/describe-json.js';
import {renderQuorumReplication, renderQuorumStatus} from '../present/quorum-text.js';
import {renderFeaturesText} from '../present/features-text.js';
import {renderTopicsText} from '../present/topics-text.js';
import {renderBrokersText} from '../present/brokers-text.js';
import {renderGroupMembers, renderGroupOffsets, renderGroupStates, renderOtherGroups, type Chunk} from '../present/groups-text.js';
import {renderShareMembers, renderShareOffsets, renderShareStates} from '../present/share-groups-text.js';
import {renderStreamsMembers, renderStreamsOffsets, renderStreamsStates} from '../present/streams-groups-text.js';
import {kconLine, writeErr, writeJson, writeOut} from '../terminal-out.js';
import type {CommandSpec} from './command-spec.js';

const options = {
	'under-replicated': {type: 'boolean'},
	unavailable: {type: 'boolean'},
	'under-min-isr': {type: 'boolean'},
	'at-min-isr': {type: 'boolean'},
	'include-internal': {type: 'boolean'},
	'only-with-lag': {type: 'boolean'},
	members: {type: 'boolean'},
	state: {type: 'boolean'},
	status: {type: 'boolean'},
	replication: {type: 'boolean'},
} as const;

/** Groups kafka-consumer-groups.sh describes: classic, KIP-848 consumer, or of no listed type. */
function consumerType(type: string | undefined): boolean {
	return type === undefined || type === 'classic' || type === 'consumer';
}

export const specs: readonly CommandSpec[] = [
	{
		name: 'describe',
		summary: "the cluster as text like Kafka's own tools (kafka-topics.sh, kafka-consumer-groups.sh), or one JSON document",
		usage: '[brokers|topics|topic NAME|groups|group ID|quorum|cluster] [options]',
		flags: [
			{name: 'under-replicated', type: 'boolean', description: 'topics: only partitions with fewer in-sync replicas than replicas'},
			{name: 'unavailable', type: 'boolean', description: 'topics: only partitions without a reachable leader'},
			{name: 'under-min-isr', type: 'boolean', description: 'topics: only partitions with fewer in-sync replicas than min.insync.replicas'},
			{name: 'at-min-isr', type: 'boolean', description: 'topics: only partitions exactly at min.insync.replicas'},
			{name: 'include-internal', type: 'boolean', description: 'topics: list internal topics (__consumer_offsets) too'},
			{name: 'only-with-lag', type: 'boolean', description: 'groups: only groups with lag'},
			{name: 'members', type: 'boolean', description: 'group ID: its members instead of its offsets'},
			{name: 'state', type: 'boolean', description: 'group ID: its state and coordinator'},
			{name: 'status', type: 'boolean', description: 'quorum: the KRaft quorum summary, as kafka-metadata-quorum.sh describe --status (the default)'},
			{name: 'replication', type: 'boolean', description: 'quorum: every voter and observer, as kafka-metadata-quorum.sh describe --replication'},
		],
		connection: true,
		write: false,
		arguments: ['brokers', 'topics', 'topic', 'groups', 'group', 'quorum', 'cluster', 'agents'],
		examples: [
			'kcon describe --lab -o json',
			'kcon describe topics -b kafka1:9092 --under-replicated',
			'kcon describe group tower --lab --members',
			'kcon describe quorum --lab --replication',
			'kcon describe cluster --lab',
		],
	},
	{
		name: 'describe agents',
		summary: "the SNMP agents' host metrics (cpu, load, memory, disk, rx/tx rates), sampled twice; exit 1 when an agent did not answer",
		usage: '[--interval SECONDS] [--timeout SECONDS] [options]',
		flags: [
			{name: 'interval', type: 'string', value: 'SECONDS', default: '1', description: 'time between the two samples'},
			{name: 'timeout', type: 'string', value: 'SECONDS', default: '2', description: 'per-request SNMP timeout'},
		],
		connection: true,
		write: false,
		examples: ['kcon describe agents --lab -o json', 'kcon describe agents --agent pi1=172.29.0.11 --community public'],
	},
];

const views = ['all', 'brokers', 'topics', 'topic', 'groups', 'group', 'quorum', 'cluster'] as const;
type View = (typeof views)[number];

const filterFlags: PartitionFilter[] = ['under-replicated', 'unavailable', 'under-min-isr', 'at-min-isr'];

export async function run(ctx: CommandContext): Promise<number> {
	if (ctx.argv[0] === 'agents') {
		// the SNMP side lives in its own module, loaded only for this view (its own chunk in the bundle)
		const module = (await import('./describe-agents.js')) as {run: (c: CommandContext) => Promise<number | void>};
		return (await module.run({argv: ctx.argv.slice(1), signal: ctx.signal})) ?? 0;
	}
	const {values, positionals} = parseConnectionArgs(ctx.argv, options);
	const format = outputFormat(values);
	const view = (positionals[0] ?? 'all') as View;
	if (!views.includes(view) || (view === 'all' && positionals[0] !== undefined)) {
		throw new UsageError(`unknown describe view '${positionals[0]}'; use brokers, topics, topic NAME, groups, group ID, quorum, cluster or agents`);
	}
	const name = positionals[1];
	if ((view === 'topic' || view === 'group') && !name) throw new UsageError(`describe ${view} needs a ${view === 'topic' ? 'topic name' : 'group id'}`);
	const extra = positionals.slice(view === 'topic' || view === 'group' ? 2 : 1);
	if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);

	const filters = filterFlags.filter((f) => values[f] === true);
	if (filters.length > 0 && view !== 'topics' && view !== 'topic') {
		throw new UsageError(`--${filters[0]} applies to 'describe topics' and 'describe topic NAME'`);
	}
	if (values['include-internal'] && view !== 'topics' && view !== 'all') {
		throw new UsageError("--include-internal applies to 'describe topics'");
	}
	if (values['only-with-lag'] && view !== 'groups') throw new UsageError("--only-with-lag applies to 'describe groups'");
	if ((values.members || values.state) && view !== 'group') {
		throw new UsageError("--members and --state apply to 'describe group ID'");
	}
	if (values.members && values.state) throw new UsageError('choose one of --members and --state');
	if ((values.status || values.replication) && view !== 'quorum') throw new UsageError("--status and --replication apply to 'describe quorum'");
	if (values.status && values.replication) throw new UsageError('choose one of --status and --replication');
	if (view === 'quorum' || view === 'cluster') return describeKraft(view, values.replication === true, format, resolveSettings(values));

	const settings = resolveSettings(values);
	const wantTopics = view === 'all' || view === 'topics' || view === 'topic';
	const wantGroups = view === 'all' || view === 'groups' || view === 'group';
	const needsMinIsr = filters.includes('under-min-isr') || filters.includes('at-min-isr');
	const snapshotOptions: SnapshotOptions = {
		// every view reads all topic metadata (one request): brokers' leader/replica counts and
		// brokers that replicas name but the cluster no longer lists come from it
		topics: view === 'topic' ? [name!] : undefined,
		// text output prints no offsets (as kafka-topics.sh); JSON carries them
		offsets: wantTopics && format === 'json',
		groups: view === 'group' ? [name!] : wantGroups,
		// the text header prints non-default configs; the min-ISR filters need min.insync.replicas
		configs: wantTopics && (format === 'text' || needsMinIsr),
		reassignments: wantTopics,
		elr: wantTopics,
	};

	const gateway = createGateway(settings);
	let snapshot: ClusterSnapshot;
	try {
		snapshot = await gateway.snapshot(snapshotOptions);
	} finally {
		await gateway.close();
	}

	let topics: TopicInfo[] = [];
	if (wantTopics) {
		topics = snapshot.topics;
		if (view === 'topic') {
			if (!topics.some((t) => t.name === name)) throw new UsageError(`topic '${name}' does not exist`);
		} else if (!values['include-internal']) {
			topics = topics.filter((t) => !t.internal);
		}
		if (format === 'json' && filters.length > 0) {
			const predicates = filters.map((f) => partitionFilter(f, snapshot.brokers));
			topics = topics
				.map((t) => ({...t, partitions: t.partitions.filter((p) => predicates.some((match) => match(t, p)))}))
				.filter((t) => t.partitions.length > 0);
		}
	}
	let groups: GroupInfo[] = [];
	if (wantGroups) {
		groups = snapshot.groups;
		if (view === 'group') {
			const group = groups.find((g) => g.groupId === name);
			if (!group || (group.state === 'Dead' && !group.error)) throw new UsageError(`group '${name}' does not exist`);
			groups = [group];
		}
		if (values['only-with-lag']) groups = groups.filter((g) => g.totalLag > 0n);
	}

	for (const warning of snapshot.warnings) kconLine(`warning: ${warning}`);

	if (format === 'json') {
		writeJson(toJson(describeDocument(snapshot, {topics, groups})) + '\n');
		return 0;
	}

	const chunks: Chunk[] = [];
	if (view === 'all' || view === 'brokers') chunks.push({stream: 'stdout', text: renderBrokersText(snapshot)});
	if (wantTopics) {
		if (view === 'all') chunks.push({stream: 'stdout', text: '\n'});
		chunks.push({stream: 'stdout', text: renderTopicsText(topics, snapshot.brokers, {filters})});
	}
	if (wantGroups) {
		// classic and consumer groups as kafka-consumer-groups.sh prints them, then share groups as
		// kafka-share-groups.sh does and streams groups as kafka-streams-groups.sh does; a group of a
		// type kcon does not describe is named, never dropped
		const consumerGroups = groups.filter((g) => consumerType(g.groupType));
		const shareGroups = groups.filter((g) => g.groupType === 'share');
		const streamsGroups = groups.filter((g) => g.groupType === 'streams');
		if (values.members) chunks.push(...renderGroupMembers(consumerGroups), ...renderShareMembers(shareGroups), ...renderStreamsMembers(streamsGroups));
		else if (values.state) {
			chunks.push(
				...renderGroupStates(consumerGroups, snapshot.brokers),
				...renderShareStates(shareGroups, snapshot.brokers),
				...renderStreamsStates(streamsGroups, snapshot.brokers),
			);
		} else chunks.push(...renderGroupOffsets(consumerGroups), ...renderShareOffsets(shareGroups), ...renderStreamsOffsets(streamsGroups));
		chunks.push(...renderOtherGroups(groups.filter((g) => !consumerType(g.groupType) && g.groupType !== 'share' && g.groupType !== 'streams')));
		if (view === 'groups' && groups.length === 0) {
			kconLine(values['only-with-lag'] ? 'no consumer group has lag' : 'no consumer groups');
		}
	}
	for (const c of chunks) (c.stream === 'stdout' ? writeOut : writeErr)(c.text);
	return 0;
}

// `describe quorum` and `describe cluster`: read no topics or groups, only the quorum (DescribeQuorum
// through a broker) or the feature levels. A cluster that cannot say is an error here (exit 1),
// since it is all the command was asked for.
async function describeKraft(view: 'quorum' | 'cluster', replication: boolean, format: 'text' | 'json', settings: Settings): Promise<number> {
	const gateway = createGateway(settings);
	let snapshot: ClusterSnapshot;
	try {
		snapshot = await gateway.snapshot({topics: [], offsets: false, groups: false, reassignments: false, quorum: view === 'quorum', features: view === 'cluster'});
	} finally {
		await gateway.close();
	}
	for (const warning of snapshot.warnings) kconLine(`warning: ${warning}`);
	if (view === 'quorum') {
		const read = snapshot.quorum!;
		if (!read.available) throw new KconError(`quorum: not available (${read.reason})`);
		if (format === 'json') {
			writeJson(toJson({clusterId: snapshot.clusterId, takenAt: new Date(snapshot.takenAt).toISOString(), quorum: quorumJson(read)}) + '\n');
		} else {
			writeOut(replication ? renderQuorumReplication(read.quorum) : renderQuorumStatus(snapshot.clusterId, read.quorum));
		}
		return 0;
	}
	const read = snapshot.features!;
	if (!read.available) throw new KconError(`features: not available (${read.reason})`);
	if (format === 'json') {
		writeJson(toJson({clusterId: snapshot.clusterId, takenAt: new Date(snapshot.takenAt).toISOString(), features: featuresJson(read)}) + '\n');
	} else {
		writeOut(`ClusterId: ${snapshot.clusterId ?? ''}\n${renderFeaturesText(read.features)}`);
	}
	return 0;
}
