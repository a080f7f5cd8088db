// Consumer groups as `kafka-consumer-groups.sh --describe` prints them (Kafka 4.x
// ConsumerGroupCommand): the offsets table (default), --members, --state; `-` where a value is
// unknown; the same notes: "Consumer group 'g' has no active members." / "Warning: Consumer group
// 'g' is rebalancing." on stderr, "Error: Consumer group 'g' does not exist." on stdout.
// Pure: returns chunks in order, each for stdout or stderr, so stdout matches the Java tool.
// Ids, hosts and names are laid out escaped (forText), so widths are those of what is shown.
import type {BrokerInfo, GroupInfo} from '../domain/cluster.js';
import {toolLag} from '../domain/lag.js';
import {escapeControl, forText} from '../terminal-safe.js';
import {displayWidth} from './display-width.js';

export interface Chunk {
	stream: 'stdout' | 'stderr';
	text: string;
}

const MISSING = '-';
const rebalancing = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

/** Terminal columns `value` takes once written (stdout escapes control characters, CJK is 2 wide). */
export function cols(value: string): number {
	return displayWidth(escapeControl(value));
}

export function pad(value: string, width: number): string {
	return value + ' '.repeat(Math.max(0, width - cols(value)));
}

function cell(v: bigint | number | string | null): string {
	return v === null ? MISSING : String(v);
}

/** The state notes; returns false when the group is not to be printed (Dead). */
function notes(group: GroupInfo, out: Chunk[]): boolean {
	if (group.error) {
		out.push({stream: 'stderr', text: `\nWarning: Consumer group '${group.groupId}' could not be fully described: ${group.error}.\n`});
	}
	if (group.state === 'Dead') {
		out.push({stream: 'stdout', text: `\nError: Consumer group '${group.groupId}' does not exist.\n`});
		return false;
	}
	if (group.state === 'Empty') {
		out.push({stream: 'stderr', text: `\nConsumer group '${group.groupId}' has no active members.\n`});
	} else if (rebalancing.has(group.state)) {
		out.push({stream: 'stderr', text: `\nWarning: Consumer group '${group.groupId}' is rebalancing.\n`});
	}
	return true;
}

/** The default view: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID */
export function renderGroupOffsets(described: GroupInfo[]): Chunk[] {
	const groups = forText(described);
	const out: Chunk[] = [];
	for (const group of groups) {
		if (!notes(group, out) || group.offsets.length === 0) continue;
		let g = 15,
			t = 15,
			c = 15,
			h = 15;
		for (const o of group.offsets) {
			g = Math.max(g, cols(group.groupId));
			t = Math.max(t, cols(o.topic));
			c = Math.max(c, cols(o.consumerId ?? MISSING));
			h = Math.max(h, cols(o.host ?? MISSING));
		}
		const row = (v: string[]) =>
			'\n' +
			[pad(v[0]!, g), pad(v[1]!, t), pad(v[2]!, 10), pad(v[3]!, 15), pad(v[4]!, 15), pad(v[5]!, 15), pad(v[6]!, c), pad(v[7]!, h), v[8]!].join(' ');
		let text = row(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
		for (const o of group.offsets) {
			text += row([
				group.groupId,
				o.topic,
				String(o.partition),
				cell(o.committed),
				cell(o.logEnd),
				cell(toolLag(o.committed, o.logEnd)),
				cell(o.consumerId),
				cell(o.host),
				cell(o.clientId),
			]);
		}
		out.push({stream: 'stdout', text: text + '\n'});
	}
	return out;
}

/** --members: GROUP CONSUMER-ID [GROUP-INSTANCE-ID] HOST CLIENT-ID #PARTITIONS */
export function renderGroupMembers(described: GroupInfo[]): Chunk[] {
	const groups = forText(described);
	const out: Chunk[] = [];
	for (const group of groups) {
		if (!notes(group, out)) continue;
		let g = 15,
			c = 15,
			i = 17,
			h = 15,
			cl = 15;
		let withInstance = false;
		for (const m of group.members) {
			g = Math.max(g, cols(group.groupId));
			c = Math.max(c, cols(m.memberId));
			i = Math.max(i, cols(m.groupInstanceId ?? ''));
			h = Math.max(h, cols(m.host));
			cl = Math.max(cl, cols(m.clientId));
			withInstance ||= Boolean(m.groupInstanceId);
		}
		const row = (v: string[]) =>
			withInstance
				? `${pad(v[0]!, g)} ${pad(v[1]!, c)} ${pad(v[2]!, i)} ${pad(v[3]!, h)} ${pad(v[4]!, cl)} ${pad(v[5]!, 15)} `
				: `${pad(v[0]!, g)} ${pad(v[1]!, c)} ${pad(v[3]!, h)} ${pad(v[4]!, cl)} ${pad(v[5]!, 15)} `;
		let text = '\n' + row(['GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS']) + '\n';
		for (const m of group.members) {
			const n = m.assignments.reduce((sum, a) => sum + a.partitions.length, 0);
			text += row([group.groupId, m.memberId, m.groupInstanceId ?? '', m.host, m.clientId, String(n)]) + '\n';
		}
		out.push({stream: 'stdout', text});
	}
	return out;
}

/** --state: GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS */
export function renderGroupStates(described: GroupInfo[], advertised: BrokerInfo[]): Chunk[] {
	const groups = forText(described);
	const brokers = forText(advertised);
	const out: Chunk[] = [];
	const byId = new Map(brokers.map((b) => [b.id, b]));
	for (const group of groups) {
		if (!notes(group, out)) continue;
		const b = group.coordinator === null ? undefined : byId.get(group.coordinator);
		const coordinator = b ? `${b.host}:${b.port}  (${b.id})` : MISSING;
		const cw = Math.max(25, cols(coordinator));
		const gw = Math.max(15, cols(group.groupId));
		const strategy = group.assignmentStrategy ? group.assignmentStrategy : MISSING;
		const row = (v: string[]) => `\n${pad(v[0]!, gw)} ${pad(v[1]!, cw)} ${pad(v[2]!, 20)} ${pad(v[3]!, 20)} ${v[4]!}`;
		const text =
			row(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS']) +
			row([group.groupId, coordinator, strategy, group.state, String(group.members.length)]) +
			'\n';
		out.push({stream: 'stdout', text});
	}
	return out;
}

/** Groups of a type kcon does not describe (streams, or a type newer than kcon): one line each on
 *  stderr with the type and the listed state, so they are seen, and stdout stays the tools'. */
export function renderOtherGroups(described: GroupInfo[]): Chunk[] {
	return forText(described).map((g) => ({
		stream: 'stderr' as const,
		text: `\nGroup '${g.groupId}' is a ${g.groupType ?? 'unknown'} group (state ${g.state}): kcon does not describe ${g.groupType ?? 'unknown'} groups.\n`,
	}));
}
