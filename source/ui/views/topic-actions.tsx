// The console's topic writes, each the same guarded, audited action as its `kcon topic …` or
// `kcon produce` command (ops/topic-delete.ts, ops/topic-add-partitions.ts, ops/produce.ts, through
// the console's Operations): `D` deletes the selected topic after typing its name (internal topics
// are refused); `P` adds partitions — the new total, the controller's validateOnly check and the
// warning that keyed records re-hash, then typing the name; `W` writes one test record (key, value,
// optional partition) and says where it landed.
import React, {useRef, useState} from 'react';
import {Box, useInput} from 'ink';
import {Text} from '../text.js';
import {selectedTopic, eachKey, type KeyCommand} from '../keys.js';
import {useOperations, type Operations} from '../operations.js';
import {paint} from '../theme.js';
import {clip} from '../table.js';
import {escapeControl} from '../../terminal-safe.js';
import {isInternalTopic} from '../../domain/topic-input.js';
import type {AddPartitionsPlan} from '../../ops/topic-add-partitions.js';
import {ConfirmPrompt} from './action-confirm.js';
import type {ViewDef, ViewProps} from './registry.js';
import {runConsoleAction} from './run-action.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const MAX_FIELD = 4096;
/** a new partition count: at most this many at once from the console */
const MAX_PARTITIONS = 100_000;

/** A text field's next value after one key (null: the key is not typing). */
function typed(text: string, input: string, key: {backspace?: boolean; delete?: boolean; ctrl?: boolean; meta?: boolean; return?: boolean; escape?: boolean; tab?: boolean}): string | null {
	if (key.backspace || key.delete) return text.slice(0, -1);
	if (input && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab && text.length < MAX_FIELD) return text + input;
	return null;
}

function Unavailable({what}: {what: string}) {
	return <Text>{paint('bad', `${what} is not available here: esc goes back`)}</Text>;
}

function useEscape(active: boolean, onEscape: () => void) {
	useInput(
		(_input, key) => {
			if (key.escape) onEscape();
		},
		{isActive: active},
	);
}

function DeleteView({state, entry, width, dispatch, active}: ViewProps) {
	const name = entry.arg ?? '';
	const operations = useOperations();
	const topic = state.snapshot?.topics.find((t) => t.name === name);
	const internal = isInternalTopic(name) || topic?.internal === true;
	useEscape(active && (internal || !topic || !operations), () => dispatch({type: 'pop'}));
	if (!operations) return <Unavailable what="deleting topics" />;
	if (!topic) return <Text>{paint('bad', `topic '${escapeControl(name)}' is not in the snapshot: esc goes back`)}</Text>;
	if (internal) return <Text>{paint('bad', `'${escapeControl(name)}' is an internal topic; kcon never deletes those (esc goes back)`)}</Text>;
	const rf = Math.max(0, ...topic.partitions.map((p) => p.replicas.length));
	return (
		<Box flexDirection="column" width={width}>
			<Text>{clip(`Delete topic ${name}: ${topic.partitions.length} partition(s), RF ${rf} — every record in it is lost, consumers of it fail`, width)}</Text>
			<ConfirmPrompt
				title={`Delete topic ${escapeControl(name)}`}
				expected={name}
				width={width}
				isActive={active}
				onCancel={() => dispatch({type: 'pop'})}
				onConfirm={() => {
					dispatch({type: 'pop'});
					// the topic leaves the list: the whole snapshot is read again afterwards
					void runConsoleAction(dispatch, {id: `topic:${name}`, label: `deleting topic ${name}`, failure: `delete ${name}`}, () => operations.topics.delete(name));
				}}
			/>
		</Box>
	);
}

type AddStep = {step: 'count'; typed: string; error?: string} | {step: 'checking'; total: number} | {step: 'plan'; plan: AddPartitionsPlan};

function AddPartitionsView({state, entry, width, dispatch, active}: ViewProps) {
	const name = entry.arg ?? '';
	const operations = useOperations();
	const current = state.snapshot?.topics.find((t) => t.name === name)?.partitions.length ?? 0;
	const [step, setStepState] = useState<AddStep>({step: 'count', typed: ''});
	const ref = useRef(step);
	const setStep = (next: AddStep) => {
		ref.current = next;
		setStepState(next);
	};
	const check = (ops: Operations, total: number) => {
		setStep({step: 'checking', total});
		ops.topics.previewAddPartitions(name, total).then(
			(plan) => setStep({step: 'plan', plan}),
			(error: unknown) => setStep({step: 'count', typed: String(total), error: message(error)}),
		);
	};
	useInput(
		eachKey((input, key) => {
			const s = ref.current;
			if (key.escape) return dispatch({type: 'pop'});
			if (s.step !== 'count' || !operations) return;
			if (key.return) {
				const total = /^\d+$/.test(s.typed) ? Number(s.typed) : NaN;
				if (!(total > current && total <= MAX_PARTITIONS)) return setStep({...s, error: `the new total must be a whole number above ${current} (partitions cannot be removed)`});
				return check(operations, total);
			}
			const next = typed(s.typed, input, key);
			if (next !== null && next.length <= 6) setStep({step: 'count', typed: next});
		}),
		{isActive: active && step.step !== 'plan'},
	);
	if (!operations) return <Unavailable what="adding partitions" />;
	const title = `Add partitions to ${escapeControl(name)} (now ${current})`;
	if (step.step === 'count') {
		return (
			<Box flexDirection="column" width={width}>
				<Text>{paint('accent', clip(title, width))}</Text>
				<Text>
					{'new total: '}
					{step.typed}
					{'█  (enter checks it with the controller, esc cancels)'}
				</Text>
				{step.error ? <Text>{paint('warn', step.error)}</Text> : null}
			</Box>
		);
	}
	if (step.step === 'checking') return <Text>{`${title}: checking ${step.total} with the controller (validateOnly)…`}</Text>;
	const plan = step.plan;
	return (
		<Box flexDirection="column" width={width}>
			<Text>{paint('accent', clip(`${title}: ${plan.from} → ${plan.to} partitions (the controller accepted it)`, width))}</Text>
			<Text>{paint('warn', plan.warning)}</Text>
			<ConfirmPrompt
				title={`Add ${plan.to - plan.from} partition(s) to ${escapeControl(name)}`}
				expected={name}
				width={width}
				isActive={active}
				onCancel={() => dispatch({type: 'pop'})}
				onConfirm={() => {
					dispatch({type: 'pop'});
					void runConsoleAction(dispatch, {id: `topic:${name}`, label: `adding partitions to ${name}`, refresh: {topics: [name]}, failure: `add partitions to ${name}`}, () =>
						operations.topics.addPartitions(name, plan.to),
					);
				}}
			/>
		</Box>
	);
}

const FIELDS = ['key', 'value', 'partition'] as const;
type Field = (typeof FIELDS)[number];

/** The record the form describes, or what is wrong with it. */
export function formRecord(form: Record<Field, string>, partitions: number): {key: string | null; value: string; partition: number | null} | string {
	const p = form.partition.trim();
	let partition: number | null = null;
	if (p !== '') {
		if (!/^\d+$/.test(p) || Number(p) >= partitions) return `the partition must be empty (the default partitioner) or 0 to ${partitions - 1}`;
		partition = Number(p);
	}
	return {key: form.key === '' ? null : form.key, value: form.value, partition};
}

function ProduceView({state, entry, width, dispatch, active}: ViewProps) {
	const name = entry.arg ?? '';
	const operations = useOperations();
	const partitions = state.snapshot?.topics.find((t) => t.name === name)?.partitions.length ?? 0;
	const [form, setFormState] = useState<{values: Record<Field, string>; field: number; error?: string; sent?: string}>({values: {key: '', value: '', partition: ''}, field: 0});
	const ref = useRef(form);
	const setForm = (next: typeof form) => {
		ref.current = next;
		setFormState(next);
	};
	useInput(
		eachKey((input, key) => {
			const f = ref.current;
			if (key.escape) return dispatch({type: 'pop'});
			if (!operations) return;
			if (key.tab || key.downArrow) return setForm({...f, field: (f.field + 1) % FIELDS.length});
			if (key.upArrow) return setForm({...f, field: (f.field + FIELDS.length - 1) % FIELDS.length});
			if (key.return) {
				if (f.field < FIELDS.length - 1) return setForm({...f, field: f.field + 1});
				const record = formRecord(f.values, partitions);
				if (typeof record === 'string') return setForm({...f, error: record});
				setForm({...f, error: undefined, sent: 'sending…'});
				void runConsoleAction(dispatch, {id: `produce:${name}`, label: `writing a record to ${name}`, refresh: {topics: [name]}, failure: `write to ${name}`}, () =>
					operations.topics.produce(name, record).then((text) => {
						setForm({...ref.current, sent: text});
						return text;
					}),
				);
				return;
			}
			const field = FIELDS[f.field]!;
			const next = typed(f.values[field], input, key);
			if (next !== null) setForm({...f, values: {...f.values, [field]: next}, error: undefined});
		}),
		{isActive: active},
	);
	if (!operations) return <Unavailable what="producing" />;
	return (
		<Box flexDirection="column" width={width}>
			<Text>{paint('accent', clip(`Write one record to ${name} (${partitions} partition(s)); acks all`, width))}</Text>
			{FIELDS.map((field, i) => (
				<Text key={field}>
					{`${i === form.field ? '›' : ' '} ${field.padEnd(9)} `}
					{clip(form.values[field], Math.max(1, width - 14))}
					{i === form.field ? '█' : ''}
					{field === 'partition' && form.values.partition === '' ? paint('dim', ' (empty: the default partitioner)') : field === 'key' && form.values.key === '' ? paint('dim', ' (empty: no key)') : ''}
				</Text>
			))}
			<Text>{paint('dim', 'tab or enter moves to the next field; enter on partition sends; esc goes back')}</Text>
			{form.error ? <Text>{paint('warn', form.error)}</Text> : null}
			{form.sent ? <Text>{paint('ok', clip(form.sent, width))}</Text> : null}
		</Box>
	);
}

export const topicActionViews: readonly ViewDef[] = [
	{id: 'delete-topic', command: 'delete-topic', arg: {kind: 'topic', required: true}, title: (e) => `Delete topic ${e.arg ?? '?'}`, component: DeleteView, capturesInput: true, operatorAction: true},
	{id: 'add-partitions', command: 'add-partitions', arg: {kind: 'topic', required: true}, title: (e) => `Add partitions to ${e.arg ?? '?'}`, component: AddPartitionsView, capturesInput: true, operatorAction: true},
	{id: 'produce', command: 'produce', arg: {kind: 'topic', required: true}, title: (e) => `Write to ${e.arg ?? '?'}`, component: ProduceView, capturesInput: true, operatorAction: true},
];

const topicKey = (id: string, key: string, view: string, description: string, views: readonly string[], what: string): KeyCommand => ({
	id,
	keys: [key],
	description,
	views,
	dangerous: true,
	footer: true,
	disabledReason: (_s, selected, operations) => (operations ? null : `${what} is not available here`) ?? (selected ? null : 'no topic selected'),
	match: (input) => input === key,
	run: ({state, selected, open}) => {
		const topic = selectedTopic(state, selected);
		if (topic) open(view, topic, true);
	},
});

export const topicActionKeys: readonly KeyCommand[] = [
	topicKey('delete-topic', 'D', 'delete-topic', 'delete the selected topic: type its name to confirm (internal topics are refused)', ['topics'], 'deleting topics'),
	topicKey('add-partitions', 'P', 'add-partitions', 'add partitions to the selected topic: the new total, validated by the controller, the re-hashing warning, then type its name', ['topics', 'partitions'], 'adding partitions'),
	topicKey('produce', 'W', 'produce', 'write one test record to the selected topic (key, value, optional partition): shows the partition and offset written', ['topics', 'partitions'], 'producing'),
];
