// `E` on a topic: preferred leader election. The view previews which partitions' leader would move
// back to its preferred replica (the first replica, when it is in the ISR), then `y` runs it —
// the same guarded, audited action as `kcon elect --topic T` (ops/elect-leaders.ts, through the
// console's Operations).
import React, {useMemo} from 'react';
import {Box, useInput} from 'ink';
import {Text} from '../text.js';
import type {TopicInfo} from '../../domain/cluster.js';
import {selectedTopic, type KeyCommand} from '../keys.js';
import {useOperations} from '../operations.js';
import {paint} from '../theme.js';
import {escapeControl} from '../../terminal-safe.js';
import type {ViewDef, ViewProps} from './registry.js';
import {runConsoleAction} from './run-action.js';

export interface ElectMove {
	partition: number;
	from: number | null;
	to: number;
}

/** Partitions whose leader is not the preferred replica although the preferred one is in sync. */
export function preferredMoves(topic: TopicInfo): ElectMove[] {
	return topic.partitions
		.filter((p) => p.replicas.length > 0 && p.leader !== p.replicas[0] && p.isr.includes(p.replicas[0]!))
		.map((p) => ({partition: p.partition, from: p.leader, to: p.replicas[0]!}));
}

function ElectView({state, entry, height, dispatch, active}: ViewProps) {
	const name = entry.arg ?? '';
	const topic = state.snapshot?.topics.find((t) => t.name === name);
	// the preview is taken when the view opens, so it does not shift while the operator decides
	const moves = useMemo(() => (topic ? preferredMoves(topic) : []), [name]);
	const operations = useOperations();
	useInput(
		(input, key) => {
			if (key.escape || input === 'n') dispatch({type: 'pop'});
			else if (input === 'y' && operations && moves.length > 0) {
				dispatch({type: 'pop'});
				void runConsoleAction(dispatch, {id: `elect:${name}`, label: `electing preferred leaders of ${name}`, refresh: {topics: [name]}, failure: `elect ${name}`}, () => operations.electLeaders(name));
			}
		},
		{isActive: active},
	);
	if (!topic) return <Text>{paint('bad', `topic '${name}' is not in the snapshot: esc goes back`)}</Text>;
	if (moves.length === 0) {
		return <Text>{paint('ok', `every partition of ${name} is led by its preferred replica (or it is out of sync): esc goes back`)}</Text>;
	}
	const shown = moves.slice(0, Math.max(1, height - 3));
	return (
		<Box flexDirection="column">
			<Text>{`Preferred leader election for ${escapeControl(name)}: ${moves.length} partition(s) change leader`}</Text>
			{shown.map((m) => (
				<Text key={m.partition}>{`  partition ${m.partition}: leader ${m.from ?? 'none'} → ${m.to}`}</Text>
			))}
			{moves.length > shown.length ? <Text>{`  … and ${moves.length - shown.length} more`}</Text> : null}
			<Text>{paint('warn', 'y elects, n or esc cancels')}</Text>
		</Box>
	);
}

export const electViews: readonly ViewDef[] = [
	{id: 'elect', command: 'elect', arg: {kind: 'topic', required: true}, title: (e) => `Elect preferred leaders of ${e.arg ?? '?'}`, component: ElectView, capturesInput: true, operatorAction: true},
];

export const electKeys: readonly KeyCommand[] = [
	{
		id: 'elect-leaders',
		keys: ['E'],
		description: 'elect preferred leaders of the selected topic: preview, then y to confirm',
		views: ['topics', 'partitions'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, selected, operations) => (operations ? null : 'leader election is not available here') ?? (selected ? null : 'no topic selected'),
		match: (input) => input === 'E',
		run: ({state, selected, open}) => {
			const topic = selectedTopic(state, selected);
			if (topic) open('elect', topic, true);
		},
	},
];
