// `X` on a group: reset its committed offsets, to replay or skip a backlog. The operator picks the
// target (earliest, latest, offset N, shift ±N, a date and time, a duration back), the plan is read
// with a dry run of the same guarded, audited action as `kcon group reset-offsets --all-topics`
// (ops/group-reset-offsets.ts, through the console's Operations), and shown per partition with the
// lag each new offset leaves; typing the group id executes it. A group with members is refused
// with the reason by the dry run, before any prompt (and by the action itself, right before its commit).
import React, {useRef, useState} from 'react';
import {Box, useInput} from 'ink';
import {Text} from '../text.js';
import type {Row} from '../../present/cells.js';
import type {PlannedOffset, ResetTarget} from '../../domain/offset-reset.js';
import type {ConsoleState} from '../../state/reducer.js';
import {eachKey, type KeyCommand} from '../keys.js';
import {useOperations} from '../operations.js';
import {paint} from '../theme.js';
import {clip, fit} from '../table.js';
import {escapeControl} from '../../terminal-safe.js';
import {ConfirmPrompt} from './action-confirm.js';
import type {ViewDef, ViewProps} from './registry.js';
import {runConsoleAction} from './run-action.js';
import {planRows, TARGET_CHOICES, targetOf, targetText, type TargetKind} from './reset-flow.js';

type Step =
	| {step: 'choose'; cursor: number; error?: string}
	| {step: 'value'; cursor: number; kind: TargetKind; typed: string; error?: string}
	| {step: 'planning'; target: ResetTarget}
	| {step: 'plan'; target: ResetTarget; plan: PlannedOffset[]}
	| {step: 'failed'; error: string};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The group a group key acts on: the one whose offsets are shown, else the group row under the cursor. */
export function selectedGroup(state: ConsoleState, selected: Row | null): string | undefined {
	const top = state.stack[state.stack.length - 1]!;
	return top.view === 'group' ? top.arg : selected?.key;
}

function ResetView({entry, width, height, dispatch, active}: ViewProps) {
	const group = entry.arg ?? '';
	const operations = useOperations();
	const [step, setStepState] = useState<Step>({step: 'choose', cursor: 0});
	// keys of one chunk may arrive before a re-render: read the step from a ref, not a stale closure
	const ref = useRef(step);
	const setStep = (next: Step) => {
		ref.current = next;
		setStepState(next);
	};
	// a preview that answers after the operator went back is dropped
	const asked = useRef(0);

	const preview = (target: ResetTarget) => {
		if (!operations) return;
		const n = ++asked.current;
		setStep({step: 'planning', target});
		operations.groups.previewReset(group, target).then(
			(plan) => {
				if (n === asked.current) setStep({step: 'plan', target, plan});
			},
			(error: unknown) => {
				if (n === asked.current) setStep({step: 'failed', error: message(error)});
			},
		);
	};

	const pick = (cursor: number) => {
		const choice = TARGET_CHOICES[cursor]!;
		if (choice.example === undefined) preview(targetOf(choice.kind, '', Date.now()));
		else setStep({step: 'value', cursor, kind: choice.kind, typed: ''});
	};

	const confirmable = step.step === 'plan' && step.plan.length > 0;
	useInput(
		eachKey((input, key) => {
			const s = ref.current;
			if (s.step === 'choose') {
				if (key.escape) return dispatch({type: 'pop'});
				if (input === 'j' || key.downArrow) return setStep({step: 'choose', cursor: Math.min(TARGET_CHOICES.length - 1, s.cursor + 1)});
				if (input === 'k' || key.upArrow) return setStep({step: 'choose', cursor: Math.max(0, s.cursor - 1)});
				if (key.return) return pick(s.cursor);
				const n = Number(input);
				if (Number.isInteger(n) && n >= 1 && n <= TARGET_CHOICES.length) return pick(n - 1);
				return;
			}
			if (s.step === 'value') {
				if (key.escape) return setStep({step: 'choose', cursor: s.cursor});
				if (key.return) {
					try {
						preview(targetOf(s.kind, s.typed, Date.now()));
					} catch (error) {
						setStep({...s, error: message(error)});
					}
					return;
				}
				if (key.backspace || key.delete) return setStep({...s, typed: s.typed.slice(0, -1), error: undefined});
				if (input && !key.ctrl && !key.meta && s.typed.length < 64) setStep({...s, typed: s.typed + input, error: undefined});
				return;
			}
			if (key.escape) {
				asked.current++;
				setStep({step: 'choose', cursor: 0});
			}
		}),
		{isActive: active && !confirmable},
	);

	if (!operations) return <Text>{paint('bad', 'resetting offsets is not available here: esc goes back')}</Text>;
	const title = `Reset the offsets of group ${escapeControl(group)}`;
	if (step.step === 'choose' || step.step === 'value') {
		return (
			<Box flexDirection="column" width={width}>
				<Text>{paint('accent', clip(`${title}: every partition it committed`, width))}</Text>
				{TARGET_CHOICES.map((c, i) => (
					<Text key={c.kind}>{clip(`${i === step.cursor ? '›' : ' '} ${i + 1} ${c.label}`, width)}</Text>
				))}
				{step.step === 'value' ? (
					<Text>
						{`${TARGET_CHOICES[step.cursor]!.label} (e.g. ${TARGET_CHOICES[step.cursor]!.example}): `}
						{step.typed}
						{'█'}
					</Text>
				) : (
					<Text>{paint('dim', '1-6 or j/k and enter picks, esc goes back')}</Text>
				)}
				{step.step === 'value' && step.error ? <Text>{paint('warn', clip(step.error, width))}</Text> : null}
			</Box>
		);
	}
	if (step.step === 'planning') return <Text>{`${title} ${targetText(step.target)}: reading the plan…`}</Text>;
	// a group with members is refused here, by the dry run, with the reason: nothing to confirm
	if (step.step === 'failed') return <Text>{paint('bad', `${step.error} (esc goes back)`)}</Text>;

	const rows = planRows(step.plan);
	const topicWidth = Math.min(40, Math.max(5, ...rows.map((r) => escapeControl(r.topic).length)));
	const line = (cells: string[]) => [fit(cells[0]!, topicWidth), ...cells.slice(1).map((c) => fit(c, 12, 'right'))].join(' ');
	const room = Math.max(1, height - 7);
	const shown = rows.slice(0, room);
	const notes = rows.filter((r) => r.note).length;
	return (
		<Box flexDirection="column" width={width}>
			<Text>{paint('accent', clip(`${title} ${targetText(step.target)}: ${rows.length} partition(s)`, width))}</Text>
			{rows.length === 0 ? <Text>{'the group has no committed offsets: nothing to reset (esc goes back)'}</Text> : null}
			{rows.length ? <Text>{paint('dim', clip(line(['TOPIC', 'PARTITION', 'CURRENT', 'NEW', 'LAG AFTER']), width))}</Text> : null}
			{shown.map((r) => (
				<Text key={`${r.topic}\u0000${r.partition}`}>{clip(line([r.topic, String(r.partition), r.current, r.next, r.lag]) + (r.note ? ' *' : ''), width)}</Text>
			))}
			{rows.length > shown.length ? <Text>{`… and ${rows.length - shown.length} more`}</Text> : null}
			{notes ? <Text>{paint('warn', clip(`* ${rows.find((r) => r.note)!.note}${notes > 1 ? ` (and ${notes - 1} more)` : ''}`, width))}</Text> : null}
			{confirmable ? (
				<ConfirmPrompt
					title={`Commit these offsets for group ${escapeControl(group)}`}
					expected={group}
					width={width}
					isActive={active}
					onCancel={() => setStep({step: 'choose', cursor: 0})}
					onConfirm={() => {
						const target = step.target;
						dispatch({type: 'pop'});
						void runConsoleAction(dispatch, {id: `reset:${group}`, label: `resetting the offsets of ${group}`, failure: `reset offsets of ${group}`}, () =>
							operations.groups.resetOffsets(group, target),
						);
					}}
				/>
			) : null}
		</Box>
	);
}

export const resetViews: readonly ViewDef[] = [
	{
		id: 'reset-offsets',
		command: 'reset-offsets',
		arg: {kind: 'group', required: true},
		title: (e) => `Reset offsets of ${e.arg ?? '?'}`,
		component: ResetView,
		capturesInput: true,
		operatorAction: true,
	},
];

export const resetKeys: readonly KeyCommand[] = [
	{
		id: 'reset-offsets',
		keys: ['X'],
		description: "reset the selected group's offsets (earliest, latest, offset, shift, datetime, duration): per-partition plan, then type the group id",
		views: ['groups', 'group'],
		dangerous: true,
		footer: true,
		disabledReason: (s, selected, operations) => (operations ? null : 'resetting offsets is not available here') ?? (selectedGroup(s, selected) ? null : 'no group selected'),
		match: (input) => input === 'X',
		run: ({state, selected, open}) => {
			const group = selectedGroup(state, selected);
			if (group) open('reset-offsets', group, true);
		},
	},
];
