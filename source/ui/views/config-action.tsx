// `C` on a topic: its configs panel — every config with its value and where it comes from
// (ops/config-describe.ts), `e` sets the selected one, `d` deletes its override. Each change is
// first sent with validateOnly (the broker checks the value) and previewed old → new; `y` then
// applies it through the same guarded, audited action as `kcon config alter` (ops/config-alter.ts,
// through the console's Operations), and the panel reads the configs again.
import React, {useEffect, useRef, useState} from 'react';
import {Box, useInput} from 'ink';
import {Text} from '../text.js';
import {selectedTopic, eachKey, type KeyCommand} from '../keys.js';
import {useOperations, type ConfigChange} from '../operations.js';
import {paint} from '../theme.js';
import {clip, fit} from '../table.js';
import {escapeControl} from '../../terminal-safe.js';
import type {ConfigValue} from '../../ops/config-describe.js';
import type {AlterPlan} from '../../ops/config-alter.js';
import type {ViewDef, ViewProps} from './registry.js';
import {runConsoleAction} from './run-action.js';

type Step =
	| {step: 'loading'}
	| {step: 'list'; note?: string}
	| {step: 'edit'; typed: string}
	| {step: 'checking'; change: ConfigChange}
	| {step: 'preview'; change: ConfigChange; plan: AlterPlan}
	| {step: 'failed'; error: string};

/** A topic's own override: the only source `d` can delete. */
export const OWN_SOURCE = 'DYNAMIC_TOPIC_CONFIG';
const MAX_VALUE = 4096;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const shown = (c: {value: string | null; sensitive?: boolean} | null | undefined) => (!c ? '(not set)' : c.value === null ? '(sensitive)' : c.value);

/** "retention.ms: 604800000 (DEFAULT_CONFIG) → 86400000": one line of the preview per change. */
export function changeLines(plan: AlterPlan): string[] {
	return plan.changes.map((c) => {
		const before = c.before ? `${shown(c.before)} (${c.before.source})` : '(not set)';
		const after = c.op === 'delete' ? 'the override is removed (the value falls back to the broker or default)' : c.sensitive ? '(sensitive)' : (c.value ?? '');
		return `${c.name}: ${before} → ${after}`;
	});
}

function ConfigsView({entry, width, height, dispatch, active}: ViewProps) {
	const topic = entry.arg ?? '';
	const operations = useOperations();
	const [configs, setConfigs] = useState<ConfigValue[] | null>(null);
	const [cursor, setCursorState] = useState(0);
	const [step, setStepState] = useState<Step>({step: 'loading'});
	// keys of one chunk may arrive before a re-render: read from refs, not a stale closure
	const ref = useRef({step, cursor, configs});
	const setStep = (next: Step) => {
		ref.current = {...ref.current, step: next};
		setStepState(next);
	};
	const setCursor = (next: number) => {
		ref.current = {...ref.current, cursor: next};
		setCursorState(next);
	};
	const load = (note?: string) => {
		if (!operations) return;
		setStep({step: 'loading'});
		operations.configs.describe(topic).then(
			(list) => {
				ref.current = {...ref.current, configs: list};
				setConfigs(list);
				setCursor(Math.min(ref.current.cursor, Math.max(0, list.length - 1)));
				setStep(note === undefined ? {step: 'list'} : {step: 'list', note});
			},
			(error: unknown) => setStep({step: 'failed', error: message(error)}),
		);
	};
	useEffect(() => load(), [topic]);

	const check = (change: ConfigChange) => {
		if (!operations) return;
		setStep({step: 'checking', change});
		operations.configs.preview(topic, change).then(
			(plan) => setStep({step: 'preview', change, plan}),
			(error: unknown) => setStep({step: 'failed', error: message(error)}),
		);
	};

	useInput(
		eachKey((input, key) => {
			const {step: s, cursor: at, configs: list} = ref.current;
			const selected = list?.[at];
			if (s.step === 'list' || s.step === 'loading' || s.step === 'failed') {
				if (key.escape) return s.step === 'failed' && list ? setStep({step: 'list'}) : dispatch({type: 'pop'});
				if (s.step !== 'list' || !list) return;
				if (input === 'j' || key.downArrow) return setCursor(Math.min(list.length - 1, at + 1));
				if (input === 'k' || key.upArrow) return setCursor(Math.max(0, at - 1));
				if (!selected) return;
				if (input === 'e' || key.return) {
					if (selected.readOnly) return setStep({step: 'list', note: `${selected.name} is read-only`});
					return setStep({step: 'edit', typed: selected.value ?? ''});
				}
				if (input === 'd') {
					if (selected.source !== OWN_SOURCE) return setStep({step: 'list', note: `${selected.name} has no override on ${topic} to delete (source ${selected.source})`});
					return check({name: selected.name, op: 'delete'});
				}
				return;
			}
			if (s.step === 'edit') {
				if (key.escape) return setStep({step: 'list'});
				if (key.return) return selected ? check({name: selected.name, op: 'set', value: s.typed}) : undefined;
				if (key.backspace || key.delete) return setStep({step: 'edit', typed: s.typed.slice(0, -1)});
				if (input && !key.ctrl && !key.meta && s.typed.length < MAX_VALUE) setStep({step: 'edit', typed: s.typed + input});
				return;
			}
			if (s.step === 'preview') {
				if (key.escape || input === 'n') return setStep({step: 'list'});
				if (input === 'y' && operations) {
					const change = s.change;
					setStep({step: 'loading'});
					void runConsoleAction(dispatch, {id: `config:${topic}`, label: `changing ${change.name} of ${topic}`, refresh: {topics: [topic]}, failure: `change ${change.name} of ${topic}`}, () =>
						operations.configs.alter(topic, change),
					).then(() => load());
				}
				return;
			}
			if (key.escape) setStep({step: 'list'});
		}),
		{isActive: active},
	);

	if (!operations) return <Text>{paint('bad', 'changing configs is not available here: esc goes back')}</Text>;
	const title = `Configs of topic ${escapeControl(topic)}`;
	if (step.step === 'failed') return <Text>{paint('bad', clip(`${step.error} (esc goes back)`, width))}</Text>;
	if (!configs) return <Text>{`${title}: reading…`}</Text>;
	const nameWidth = Math.min(45, Math.max(4, ...configs.map((c) => c.name.length)));
	const sourceWidth = 28;
	const valueWidth = Math.max(8, width - nameWidth - sourceWidth - 4);
	const room = Math.max(1, height - 6);
	const first = Math.max(0, Math.min(cursor - Math.floor(room / 2), configs.length - room));
	const lines = configs.slice(first, first + room);
	const selected = configs[cursor];
	const footer =
		step.step === 'edit' ? (
			<Text>
				{`set ${escapeControl(selected?.name ?? '')} = `}
				{step.typed}
				{'█  (enter checks it with the broker, esc cancels)'}
			</Text>
		) : step.step === 'checking' ? (
			<Text>{clip(`checking ${step.change.name} with the broker (validateOnly)…`, width)}</Text>
		) : step.step === 'preview' ? (
			<Box flexDirection="column">
				{changeLines(step.plan).map((l, i) => (
					<Text key={i}>{paint('accent', clip(l, width))}</Text>
				))}
				<Text>{paint('warn', 'the broker accepted it (validateOnly): y applies, n or esc cancels')}</Text>
			</Box>
		) : (
			<Text>{paint(step.step === 'list' && step.note ? 'warn' : 'dim', clip(step.step === 'list' && step.note ? step.note : 'j/k select, e or enter sets a value, d deletes the override, esc goes back', width))}</Text>
		);
	return (
		<Box flexDirection="column" width={width}>
			<Text>{paint('accent', clip(`${title}: ${configs.length} (${configs.filter((c) => c.source === OWN_SOURCE).length} set on the topic)`, width))}</Text>
			<Text>{paint('dim', clip(`  ${fit('NAME', nameWidth)} ${fit('VALUE', valueWidth)} SOURCE`, width))}</Text>
			{lines.map((c, i) => {
				const here = first + i === cursor;
				const text = `${here ? '›' : ' '} ${fit(c.name, nameWidth)} ${fit(shown(c), valueWidth)} ${c.source}`;
				return <Text key={c.name}>{paint(here ? 'accent' : c.source === OWN_SOURCE ? 'ok' : undefined, clip(text, width))}</Text>;
			})}
			{footer}
		</Box>
	);
}

export const configViews: readonly ViewDef[] = [
	{
		id: 'configs',
		command: 'configs',
		arg: {kind: 'topic', required: true},
		parent: 'topics',
		title: (e) => `Configs of ${e.arg ?? '?'}`,
		component: ConfigsView,
		capturesInput: true,
		operatorAction: true,
	},
];

export const configKeys: readonly KeyCommand[] = [
	{
		id: 'topic-configs',
		keys: ['C'],
		description: "the selected topic's configs with their source: e sets one, d deletes its override; validated by the broker and previewed old → new, y applies",
		views: ['topics', 'partitions'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, selected, operations) => (operations ? null : 'changing configs is not available here') ?? (selected ? null : 'no topic selected'),
		match: (input) => input === 'C',
		run: ({state, selected, open}) => {
			const topic = selectedTopic(state, selected);
			if (topic) open('configs', topic, true);
		},
	},
];
