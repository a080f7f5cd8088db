// The console's broker actions: `K` kills the selected broker (SIGKILL) after the impact preview and
// typing its id (and "offline" when partitions would go offline), the KillConfirm flow; `S`
// starts it again. Both are dangerous keys: never bound in --read-only.
// The work itself is injected by commands/console.ts (setBrokerActions) — the same guarded,
// audited code path as `kcon broker kill|start`.
import React, {useMemo} from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {killImpact} from '../../domain/impact.js';
import type {KeyCommand} from '../keys.js';
import {paint} from '../theme.js';
import {KillConfirm} from './action-confirm.js';
import type {ViewDef, ViewProps} from './registry.js';
import {runConsoleAction} from './run-action.js';

export interface BrokerActions {
	kill(id: number, options: {signal: 'KILL' | 'TERM'; force: boolean}): Promise<string>;
	start(id: number): Promise<string>;
}

let actions: BrokerActions | null = null;

export function setBrokerActions(a: BrokerActions | null): void {
	actions = a;
}

const unavailable = (): string | null => (actions ? null : 'broker actions are not available here');

// a broker action moves leaders of any topic: afterwards every topic's metadata is read again
const everyTopic = {topics: 'all'} as const;

function KillView({state, entry, width, height, dispatch, active}: ViewProps) {
	const id = Number(entry.arg);
	// the preview is taken when the view opens, so it does not shift while the operator types
	const impact = useMemo(() => (state.snapshot ? killImpact(state.snapshot, id) : null), [entry.arg]);
	if (!impact || !actions) {
		return (
			<Box>
				<Text>{paint('bad', 'no snapshot yet: esc goes back')}</Text>
			</Box>
		);
	}
	const run = actions;
	return (
		<KillConfirm
			impact={impact}
			signal="KILL"
			width={width}
			height={height}
			isActive={active}
			onCancel={() => dispatch({type: 'pop'})}
			onConfirm={({force}) => {
				dispatch({type: 'pop'});
				void runConsoleAction(dispatch, {id: `broker:${id}`, label: `killing broker ${id} (SIGKILL)`, refresh: everyTopic, failure: `kill broker ${id}`}, () =>
					run.kill(id, {signal: 'KILL', force}),
				);
			}}
		/>
	);
}

export const brokerActionViews: ViewDef[] = [
	{
		id: 'kill',
		command: 'kill',
		title: (e) => `Kill broker ${e.arg ?? '?'}`,
		component: KillView,
		capturesInput: true,
		operatorAction: true,
	},
];

export const brokerActionKeys: KeyCommand[] = [
	{
		id: 'kill-broker',
		keys: ['K'],
		description: 'kill the selected broker (SIGKILL): impact preview, then type its id to confirm',
		views: ['brokers'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, selected) => unavailable() ?? (selected ? null : 'no broker selected'),
		match: (input) => input === 'K',
		run: ({selected, open}) => {
			if (selected) open('kill', selected.key, true);
		},
	},
	{
		id: 'start-broker',
		keys: ['S'],
		description: 'start the selected broker again',
		views: ['brokers'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, selected) => unavailable() ?? (selected ? null : 'no broker selected'),
		match: (input) => input === 'S',
		run: ({selected, dispatch}) => {
			if (!selected || !actions) return;
			const id = Number(selected.key);
			const run = actions;
			void runConsoleAction(dispatch, {id: `broker:${id}`, label: `starting broker ${id}`, refresh: everyTopic, failure: `start broker ${id}`}, () => run.start(id));
		},
	},
];
