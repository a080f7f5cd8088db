// Share groups as `kafka-share-groups.sh --describe` prints them (Kafka 4.x ShareGroupCommand): the
// offsets table GROUP TOPIC PARTITION START-OFFSET LAG (default), --members, --state; `-` where a
// value is unknown; its notes: "Share group 'g' has no offset information." and "Error: Share group
// 'g' does not exist." on stdout, "Share group 'g' has no active members." on stderr.
// Pure, like groups-text.ts: chunks for stdout or stderr, ids laid out escaped (forText).
import type {BrokerInfo, GroupInfo} from '../domain/cluster.js';
import {forText} from '../terminal-safe.js';
import {cols, pad, type Chunk} from './groups-text.js';

const MISSING = '-';

function cell(v: bigint | number | string | null): string {
	return v === null ? MISSING : String(v);
}

function warning(group: GroupInfo, out: Chunk[]): void {
	if (group.error) out.push({stream: 'stderr', text: `\nWarning: Share group '${group.groupId}' could not be fully described: ${group.error}.\n`});
}

/** ShareGroupCommand.maybePrintEmptyGroupState: false when the group is Dead or has no rows. */
function emptyState(group: GroupInfo, rows: number, out: Chunk[]): boolean {
	if (group.state === 'Dead') out.push({stream: 'stdout', text: `\nError: Share group '${group.groupId}' does not exist.\n`});
	else if (group.state === 'Empty') out.push({stream: 'stderr', text: `\nShare group '${group.groupId}' has no active members.\n`});
	return group.state !== 'Dead' && rows > 0;
}

/** The default view: GROUP TOPIC PARTITION START-OFFSET LAG, rows by topic and partition. */
export function renderShareOffsets(described: GroupInfo[]): Chunk[] {
	const out: Chunk[] = [];
	for (const group of forText(described)) {
		warning(group, out);
		if (group.state === 'Dead') {
			emptyState(group, 0, out);
			continue;
		}
		if (group.offsets.length === 0) {
			out.push({stream: 'stdout', text: `\nShare group '${group.groupId}' has no offset information.\n`});
			continue;
		}
		const g = Math.max(15, cols(group.groupId));
		const t = Math.max(15, ...group.offsets.map((o) => cols(o.topic)));
		const row = (v: string[]) => `\n${pad(v[0]!, g)} ${pad(v[1]!, t)} ${pad(v[2]!, 10)} ${pad(v[3]!, 13)} ${v[4]!}`;
		let text = row(['GROUP', 'TOPIC', 'PARTITION', 'START-OFFSET', 'LAG']);
		for (const o of group.offsets) text += row([group.groupId, o.topic, String(o.partition), cell(o.committed), cell(o.lag)]);
		out.push({stream: 'stdout', text: text + '\n'});
	}
	return out;
}

/** --members: GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS ASSIGNMENT, members by id. */
export function renderShareMembers(described: GroupInfo[]): Chunk[] {
	const out: Chunk[] = [];
	for (const group of forText(described)) {
		warning(group, out);
		if (!emptyState(group, group.members.length, out)) continue;
		const members = [...group.members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
		const g = Math.max(15, cols(group.groupId));
		const c = Math.max(15, ...members.map((m) => cols(m.memberId)));
		const h = Math.max(15, ...members.map((m) => cols(m.host)));
		const cl = Math.max(15, ...members.map((m) => cols(m.clientId)));
		const row = (v: string[]) => `\n${pad(v[0]!, g)} ${pad(v[1]!, c)} ${pad(v[2]!, h)} ${pad(v[3]!, cl)} ${pad(v[4]!, 12)} ${v[5]!}`;
		let text = row(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT']);
		for (const m of members) {
			const n = m.assignments.reduce((sum, a) => sum + a.partitions.length, 0);
			text += row([group.groupId, m.memberId, m.host, m.clientId, String(n), assignmentText(m.assignments)]);
		}
		out.push({stream: 'stdout', text: text + '\n'});
	}
	return out;
}

/** "a:0,1;b:2": per topic its partitions in order, topics in order (ShareGroupCommand.getAssignmentString). */
export function assignmentText(assignments: GroupInfo['members'][number]['assignments']): string {
	const byTopic = new Map<string, number[]>();
	for (const a of assignments) byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), ...a.partitions]);
	return [...byTopic]
		.map(([topic, parts]) => `${topic}:${[...parts].sort((x, y) => x - y).join(',')}`)
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
		.join(';');
}

/** --state: GROUP COORDINATOR (ID) STATE #MEMBERS */
export function renderShareStates(described: GroupInfo[], advertised: BrokerInfo[]): Chunk[] {
	const out: Chunk[] = [];
	const byId = new Map(forText(advertised).map((b) => [b.id, b]));
	for (const group of forText(described)) {
		warning(group, out);
		emptyState(group, 1, out);
		const b = group.coordinator === null ? undefined : byId.get(group.coordinator);
		const coordinator = b ? `${b.host}:${b.port}  (${b.id})` : MISSING;
		const gw = Math.max(15, cols(group.groupId));
		const cw = Math.max(25, cols(coordinator));
		const row = (v: string[]) => `\n${pad(v[0]!, gw)} ${pad(v[1]!, cw)} ${pad(v[2]!, 15)} ${v[3]!}`;
		out.push({stream: 'stdout', text: row(['GROUP', 'COORDINATOR (ID)', 'STATE', '#MEMBERS']) + row([group.groupId, coordinator, group.state, String(group.members.length)]) + '\n'});
	}
	return out;
}
