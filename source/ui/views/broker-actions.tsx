// The console's broker actions: `K` kills the selected broker (SIGKILL) after the impact preview and
// typing its id (and "offline" when partitions would go offline), the KillConfirm flow; `S`
// starts it again. Both are dangerous keys: never bound in --read-only. The impact is computed once,
// from the snapshot on screen when K was pressed, and handed with that snapshot to the operation
// (ops/broker-kill.ts through the console's Operations): what the operator confirmed is what it checks.
import React, {useMemo} from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {killImpact} from '../../domain/impact.js';
import type {KeyCommand} from '../keys.js';
import {useOperations, type Operations} from '../operations.js';
import {paint} from '../theme.js';
import {KillConfirm} from './action-confirm.js';
import type {ViewDef, ViewProps} from './registry.js';
import {runConsoleAction} from './run-action.js';

const unavailable = (operations: Operations | null): string | null => (operations ? null : 'broker actions are not available here');

// a broker action moves leaders of any topic: afterwards every topic's metadata is read again
const everyTopic = {topics: 'all'} as const;

function KillView({state, entry, width, height, dispatch, active}: ViewProps) {
	const id = Number(entry.arg);
	const operations = useOperations();
	// the preview is taken when the view opens, so it does not shift while the operator types
	const seen = useMemo(() => (state.snapshot ? {snapshot: state.snapshot, impact: killImpact(state.snapshot, id)} : null), [entry.arg]);
	if (!seen || !operations) {
		return (
			<Box>
				<Text>{paint('bad', 'no snapshot yet: esc goes back')}</Text>
			</Box>
		);
	}
	return (
		<KillConfirm
			impact={seen.impact}
			signal="KILL"
			width={width}
			height={height}
			isActive={active}
			onCancel={() => dispatch({type: 'pop'})}
			onConfirm={({force}) => {
				dispatch({type: 'pop'});
				void runConsoleAction(dispatch, {id: `broker:${id}`, label: `killing broker ${id} (SIGKILL)`, refresh: everyTopic, failure: `kill broker ${id}`}, () =>
					operations.killBroker({id, signal: 'KILL', force}, seen),
				);
			}}
		/>
	);
}

export const brokerActionViews: readonly ViewDef[] = [
	{
		id: 'kill',
		command: 'kill',
		title: (e) => `Kill broker ${e.arg ?? '?'}`,
		component: KillView,
		capturesInput: true,
		operatorAction: true,
	},
];

export const brokerActionKeys: readonly KeyCommand[] = [
	{
		id: 'kill-broker',
		keys: ['K'],
		description: 'kill the selected broker (SIGKILL): impact preview, then type its id to confirm',
		views: ['brokers'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, selected, operations) => unavailable(operations) ?? (selected ? null : 'no broker selected'),
		match: (input) => input === 'K',
		opens: 'kill',
	},
	{
		id: 'start-broker',
		keys: ['S'],
		description: 'start the selected broker again',
		views: ['brokers'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, selected, operations) => unavailable(operations) ?? (selected ? null : 'no broker selected'),
		match: (input) => input === 'S',
		run: ({selected, dispatch, operations}) => {
			if (!selected || !operations) return;
			const id = Number(selected.key);
			void runConsoleAction(dispatch, {id: `broker:${id}`, label: `starting broker ${id}`, refresh: everyTopic, failure: `start broker ${id}`}, () => operations.startBroker(id));
		},
	},
];
