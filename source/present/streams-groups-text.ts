// Kafka Streams groups as `kafka-streams-groups.sh --describe` prints them (Kafka 4.2
// StreamsGroupCommand, without --verbose): the offsets table GROUP TOPIC PARTITION OFFSET-LAG
// (default), --members (GROUP MEMBER PROCESS CLIENT-ID ASSIGNMENTS), --state (GROUP COORDINATOR (ID)
// STATE #MEMBERS). The tool prints no table for a group without members, and for --state its notes
// "Error: Streams group 'g' does not exist." / "… has no active members." on stdout; kcon says the
// same on stderr where the tool is silent, so stdout stays the tool's.
// Pure, like groups-text.ts: chunks for stdout or stderr, ids laid out escaped (forText).
import type {BrokerInfo, GroupInfo, GroupOffset, StreamsTasks} from '../domain/cluster.js';
import {forText} from '../terminal-safe.js';
import {cols, pad, type Chunk} from './groups-text.js';

const MISSING = '-';

function warning(group: GroupInfo, out: Chunk[]): void {
	if (group.error) out.push({stream: 'stderr', text: `\nWarning: Streams group '${group.groupId}' could not be fully described: ${group.error}.\n`});
}

/** StreamsGroupCommand.isGroupStateValid: a table only for a live group with members; else a note. */
function printable(group: GroupInfo, out: Chunk[]): boolean {
	if (group.state === 'Dead') {
		out.push({stream: 'stderr', text: `\nStreams group '${group.groupId}' does not exist.\n`});
		return false;
	}
	if (group.members.length === 0) {
		out.push({stream: 'stderr', text: `\nStreams group '${group.groupId}' has no active members.\n`});
		return false;
	}
	return true;
}

/** What the tool's OFFSET-LAG says: log end − committed, or log end − log start without a commit. */
export function streamsLagCell(o: GroupOffset): string {
	const from = o.committed ?? o.logStart ?? null;
	return from === null || o.logEnd === null ? MISSING : String(o.logEnd - from);
}

/** Java's String.hashCode: over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHash(s: string): number {
	let h = 0;
	for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
	return h;
}

/** org.apache.kafka.common.TopicPartition.hashCode(). */
export function topicPartitionHash(topic: string, partition: number): number {
	return (Math.imul(31, (31 + partition) | 0) + javaStringHash(topic)) | 0;
}

/**
 * `rows` in the order a java.util.HashMap keyed by TopicPartition iterates them, as the tool prints
 * its rows: by bucket (the spread hash masked by the table size the map grew to); keys sharing a
 * bucket keep the order they were put in, which is `rows`' order (the tool puts them in the order
 * it walks the members' tasks, as taskOrder gives it).
 */
export function javaHashMapOrder<T extends {topic: string; partition: number}>(rows: readonly T[]): T[] {
	let capacity = 16;
	while (rows.length > capacity * 0.75) capacity *= 2;
	const keyed = rows.map((row) => {
		const h = topicPartitionHash(row.topic, row.partition);
		return {row, bucket: (h ^ (h >>> 16)) & (capacity - 1)};
	});
	keyed.sort((a, b) => a.bucket - b.bucket); // stable: a shared bucket keeps the put order
	return keyed.map((k) => k.row);
}

/** `offsets` in the order the tool first meets each partition: members, their active tasks, the
 *  task's sub-topology's source then repartition topics, the task's partitions. */
export function taskOrder(group: GroupInfo): GroupOffset[] {
	const index = new Map<string, number>();
	const subtopologies = new Map((group.streams?.subtopologies ?? []).map((s) => [s.subtopologyId, s]));
	for (const m of group.streams?.members ?? []) {
		for (const task of m.activeTasks) {
			const s = subtopologies.get(task.subtopologyId);
			for (const topic of s ? [...s.sourceTopics, ...s.repartitionSourceTopics] : []) {
				for (const p of task.partitions) {
					const key = `${topic}\u0000${p}`;
					if (!index.has(key)) index.set(key, index.size);
				}
			}
		}
	}
	const at = (o: GroupOffset) => index.get(`${o.topic}\u0000${o.partition}`) ?? Number.MAX_SAFE_INTEGER;
	return [...group.offsets].sort((a, b) => at(a) - at(b));
}

/** The default view: GROUP TOPIC PARTITION OFFSET-LAG, rows in the tool's (hash map) order. */
export function renderStreamsOffsets(described: GroupInfo[]): Chunk[] {
	const out: Chunk[] = [];
	for (const raw of described) {
		const ordered = javaHashMapOrder(taskOrder(raw));
		const group = forText({...raw, offsets: ordered});
		warning(group, out);
		if (!printable(group, out)) continue;
		const g = Math.max(15, cols(group.groupId));
		const t = Math.max(15, ...group.offsets.map((o) => cols(o.topic)));
		const row = (v: string[]) => `${pad(v[0]!, g)} ${pad(v[1]!, t)} ${pad(v[2]!, 10)} ${v[3]!}\n`;
		let text = row(['GROUP', 'TOPIC', 'PARTITION', 'OFFSET-LAG']);
		for (const o of group.offsets) text += row([group.groupId, o.topic, String(o.partition), streamsLagCell(o)]);
		out.push({stream: 'stdout', text});
	}
	return out;
}

function taskText(kind: string, tasks: StreamsTasks[]): string {
	if (tasks.length === 0) return '';
	return `${kind}: ` + tasks.map((t) => `${t.subtopologyId}:[${t.partitions.join(',')}]; `).join('');
}

/** The ASSIGNMENTS cell: "ACTIVE: 0:[0,1,2]; " then STANDBY and WARMUP tasks, each only when it has some. */
export function streamsTasksText(m: {activeTasks: StreamsTasks[]; standbyTasks: StreamsTasks[]; warmupTasks: StreamsTasks[]}): string {
	return taskText('ACTIVE', m.activeTasks) + taskText('STANDBY', m.standbyTasks) + taskText('WARMUP', m.warmupTasks);
}

/** --members: GROUP MEMBER PROCESS CLIENT-ID ASSIGNMENTS, members in the broker's order. */
export function renderStreamsMembers(described: GroupInfo[]): Chunk[] {
	const out: Chunk[] = [];
	for (const group of forText(described)) {
		warning(group, out);
		if (!printable(group, out)) continue;
		const detail = new Map((group.streams?.members ?? []).map((m) => [m.memberId, m]));
		const members = group.members.map((m) => ({m, d: detail.get(m.memberId)}));
		const g = Math.max(15, cols(group.groupId));
		const mw = Math.max(15, ...members.map(({m}) => cols(m.memberId)));
		const pw = Math.max(15, ...members.map(({d}) => cols(d?.processId ?? MISSING)));
		const cw = Math.max(15, ...members.map(({m}) => cols(m.clientId)));
		const row = (v: string[]) => `${pad(v[0]!, g)} ${pad(v[1]!, mw)} ${pad(v[2]!, pw)} ${pad(v[3]!, cw)} ${v[4]!}\n`;
		let text = row(['GROUP', 'MEMBER', 'PROCESS', 'CLIENT-ID', 'ASSIGNMENTS']);
		for (const {m, d} of members) text += row([group.groupId, m.memberId, d?.processId ?? MISSING, m.clientId, d ? streamsTasksText(d) : '']);
		out.push({stream: 'stdout', text});
	}
	return out;
}

/**
 * --state: GROUP COORDINATOR (ID) STATE #MEMBERS (with ASSIGNOR before STATE where the coordinator
 * names it, Kafka ≥ 4.4), after the tool's note for a Dead or Empty group.
 */
export function renderStreamsStates(described: GroupInfo[], advertised: BrokerInfo[]): Chunk[] {
	const out: Chunk[] = [];
	const byId = new Map(forText(advertised).map((b) => [b.id, b]));
	for (const group of forText(described)) {
		warning(group, out);
		if (group.state === 'Dead') out.push({stream: 'stdout', text: `\nError: Streams group '${group.groupId}' does not exist.\n`});
		else if (group.state === 'Empty') out.push({stream: 'stdout', text: `\nError: Streams group '${group.groupId}' has no active members.\n`});
		const b = group.coordinator === null ? undefined : byId.get(group.coordinator);
		const coordinator = b ? `${b.host}:${b.port} (${b.id})` : MISSING;
		const gw = Math.max(15, cols(group.groupId));
		const cw = Math.max(25, cols(coordinator));
		const assignor = group.streams?.assignorName;
		if (assignor === undefined) {
			const row = (v: string[]) => `${pad(v[0]!, gw)} ${pad(v[1]!, cw)} ${pad(v[2]!, 25)} ${v[3]!}\n`;
			out.push({stream: 'stdout', text: row(['GROUP', 'COORDINATOR (ID)', 'STATE', '#MEMBERS']) + row([group.groupId, coordinator, group.state, String(group.members.length)])});
		} else {
			// Kafka 4.4's tool: the assignor the coordinator names, between the coordinator and the state
			const aw = Math.max(15, cols(assignor));
			const row = (v: string[]) => `${pad(v[0]!, gw)} ${pad(v[1]!, cw)} ${pad(v[2]!, aw)} ${pad(v[3]!, 25)} ${v[4]!}\n`;
			out.push({
				stream: 'stdout',
				text: row(['GROUP', 'COORDINATOR (ID)', 'ASSIGNOR', 'STATE', '#MEMBERS']) + row([group.groupId, coordinator, assignor, group.state, String(group.members.length)]),
			});
		}
	}
	return out;
}
