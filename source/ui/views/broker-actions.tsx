// The console's broker actions: `K` kills the selected broker (SIGKILL) after the impact preview and
// typing its id (and "offline" when partitions would go offline) — the actions engineer's
// KillConfirm flow; `S` starts it again. Both are dangerous keys: never bound in --read-only.
// The work itself is injected by commands/console.ts (setBrokerActions) — the same guarded,
// audited code path as `kcon broker kill|start`.
import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {killImpact} from '../../domain/impact.js';
import type {KeyCommand} from '../keys.js';
import {paint} from '../theme.js';
import {KillConfirm} from './action-confirm.js';
import type {ViewDef, ViewProps} from './registry.js';

export interface BrokerActions {
	kill(id: number, options: {signal: 'KILL' | 'TERM'; force: boolean}): Promise<string>;
	start(id: number): Promise<string>;
}

let actions: BrokerActions | null = null;

export function setBrokerActions(a: BrokerActions | null): void {
	actions = a;
}

const unavailable = (): string | null => (actions ? null : 'broker actions are not available here');

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

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
				dispatch({type: 'flash', level: 'warn', text: `killing broker ${id} (SIGKILL)…`});
				run.kill(id, {signal: 'KILL', force}).then(
					(text) => dispatch({type: 'flash', level: 'info', text}),
					(error: unknown) => dispatch({type: 'flash', level: 'error', text: `kill broker ${id}: ${message(error)}`}),
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
			dispatch({type: 'flash', level: 'info', text: `starting broker ${id}…`});
			actions.start(id).then(
				(text) => dispatch({type: 'flash', level: 'info', text}),
				(error: unknown) => dispatch({type: 'flash', level: 'error', text: `start broker ${id}: ${message(error)}`}),
			);
		},
	},
];
