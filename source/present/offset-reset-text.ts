// A consumer group offset reset plan as `kafka-consumer-groups.sh --reset-offsets --dry-run`
// (Kafka 4.x) prints it: an empty line, then GROUP TOPIC PARTITION NEW-OFFSET, the group and topic
// columns at least 15 wide and as wide as the longest, in the Java tool's order (javaHashMapOrder);
// and the notes the Java tool logs on stderr (clamped offsets, empty partitions), one a line.
import type {PlannedOffset} from '../domain/offset-reset.js';
import {javaHashMapOrder} from '../domain/offset-reset.js';
import {forText} from '../terminal-safe.js';

export function renderResetPlan(groupId: string, plan: PlannedOffset[]): string {
	if (plan.length === 0) return '';
	const [group, rows] = forText([groupId, javaHashMapOrder(plan)] as const);
	const g = Math.max(15, group.length);
	let t = 15;
	for (const r of rows) t = Math.max(t, r.topic.length);
	const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(g)} ${b.padEnd(t)} ${c.padEnd(10)} ${d}\n`;
	return '\n' + line('GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET') + rows.map((r) => line(group, r.topic, String(r.partition), String(r.offset))).join('');
}

/** What was clamped or fell back, for stderr. */
export function renderResetNotes(plan: PlannedOffset[]): string {
	return forText(plan)
		.filter((p) => p.note)
		.map((p) => `note: ${p.topic}-${p.partition}: ${p.note}\n`)
		.join('');
}
