// `N` on the topics view: a form for a new topic — name, partitions, replication factor, optional
// configs (`k=v` separated by spaces) — parsed as `kcon topic create` parses its flags, then checked
// by the broker with validateOnly and previewed; `y` creates it through the same guarded, audited
// action (ops/topic-create.ts, through the console's Operations).
import React, {useRef, useState} from 'react';
import {Box, useInput} from 'ink';
import {Text} from '../text.js';
import {eachKey, type KeyCommand} from '../keys.js';
import {useOperations, type NewTopicForm} from '../operations.js';
import {paint} from '../theme.js';
import {clip} from '../table.js';
import {checkTopicName, parseConfigPairs, partitionCount, replicationFactor} from '../../domain/topic-input.js';
import type {CreatePlan} from '../../ops/topic-create.js';
import type {ViewDef, ViewProps} from './registry.js';
import {runConsoleAction} from './run-action.js';

const FIELDS = ['name', 'partitions', 'replication factor', 'configs'] as const;
type Values = [string, string, string, string];
const MAX_FIELD = 4096;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The topic the form describes; throws a UsageError with what is wrong. */
export function newTopicOf(values: Values): NewTopicForm {
	const [name, partitions, rf, configs] = values;
	return {
		topic: checkTopicName(name.trim()),
		partitions: partitionCount(partitions.trim(), 'partitions'),
		replicationFactor: replicationFactor(rf.trim(), 'replication factor'),
		configs: parseConfigPairs(configs.trim() === '' ? [] : configs.trim().split(/\s+/), 'configs'),
	};
}

type Step = {step: 'form'; field: number; values: Values; error?: string} | {step: 'checking'; form: NewTopicForm; values: Values} | {step: 'plan'; form: NewTopicForm; plan: CreatePlan; values: Values};

function CreateView({state, width, dispatch, active}: ViewProps) {
	const operations = useOperations();
	const brokers = state.snapshot?.brokers.length ?? 1;
	const initial: Values = ['', '3', String(Math.min(3, Math.max(1, brokers))), ''];
	const [step, setStepState] = useState<Step>({step: 'form', field: 0, values: initial});
	const ref = useRef(step);
	const setStep = (next: Step) => {
		ref.current = next;
		setStepState(next);
	};
	useInput(
		eachKey((input, key) => {
			const s = ref.current;
			if (s.step === 'checking') return;
			if (s.step === 'plan') {
				if (key.escape || input === 'n') return setStep({step: 'form', field: 0, values: s.values});
				if (input === 'y' && operations) {
					const form = s.form;
					dispatch({type: 'pop'});
					// a new topic joins the list: the whole snapshot is read again afterwards
					void runConsoleAction(dispatch, {id: `topic:${form.topic}`, label: `creating topic ${form.topic}`, failure: `create ${form.topic}`}, () => operations.topics.create(form));
				}
				return;
			}
			if (key.escape) return dispatch({type: 'pop'});
			if (!operations) return;
			if (key.tab || key.downArrow) return setStep({...s, field: (s.field + 1) % FIELDS.length});
			if (key.upArrow) return setStep({...s, field: (s.field + FIELDS.length - 1) % FIELDS.length});
			if (key.return) {
				if (s.field < FIELDS.length - 1) return setStep({...s, field: s.field + 1});
				let form: NewTopicForm;
				try {
					form = newTopicOf(s.values);
				} catch (error) {
					return setStep({...s, error: message(error)});
				}
				const values = s.values;
				setStep({step: 'checking', form, values});
				operations.topics.previewCreate(form).then(
					(plan) => setStep({step: 'plan', form, plan, values}),
					(error: unknown) => setStep({step: 'form', field: 0, values, error: message(error)}),
				);
				return;
			}
			const text = s.values[s.field]!;
			let next: string | null = null;
			if (key.backspace || key.delete) next = text.slice(0, -1);
			else if (input && !key.ctrl && !key.meta && text.length < MAX_FIELD) next = text + input;
			if (next === null) return;
			const values = [...s.values] as Values;
			values[s.field] = next;
			setStep({step: 'form', field: s.field, values});
		}),
		{isActive: active},
	);
	if (!operations) return <Text>{paint('bad', 'creating topics is not available here: esc goes back')}</Text>;
	if (step.step === 'checking') return <Text>{clip(`checking topic ${step.form.topic} with the broker (validateOnly)…`, width)}</Text>;
	if (step.step === 'plan') {
		const p = step.plan;
		const configs = p.configs.length ? p.configs.map((c) => `${c.name}=${c.value}`).join(' ') : 'none (the broker defaults)';
		return (
			<Box flexDirection="column" width={width}>
				<Text>{paint('accent', clip(`Create topic ${p.topic}: ${p.partitions} partition(s), replication factor ${p.replicationFactor} over brokers ${p.brokers.join(',')}`, width))}</Text>
				<Text>{clip(`configs: ${configs}`, width)}</Text>
				<Text>{paint('warn', 'the broker accepted it (validateOnly): y creates it, n or esc goes back to the form')}</Text>
			</Box>
		);
	}
	return (
		<Box flexDirection="column" width={width}>
			<Text>{paint('accent', 'Create a topic')}</Text>
			{FIELDS.map((field, i) => (
				<Text key={field}>
					{`${i === step.field ? '›' : ' '} ${field.padEnd(19)} `}
					{clip(step.values[i]!, Math.max(1, width - 24))}
					{i === step.field ? '█' : ''}
					{field === 'configs' && step.values[3] === '' ? paint('dim', ' (optional: retention.ms=86400000 cleanup.policy=compact)') : ''}
				</Text>
			))}
			<Text>{paint('dim', 'tab or enter moves to the next field; enter on configs checks it with the broker; esc goes back')}</Text>
			{step.error ? <Text>{paint('warn', clip(step.error, width))}</Text> : null}
		</Box>
	);
}

export const createViews: readonly ViewDef[] = [
	{id: 'create-topic', command: 'create-topic', title: () => 'Create a topic', component: CreateView, capturesInput: true, operatorAction: true},
];

export const createKeys: readonly KeyCommand[] = [
	{
		id: 'create-topic',
		keys: ['N'],
		description: 'create a topic: name, partitions, replication factor, configs; validated by the broker, then y',
		views: ['topics'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, _selected, operations) => (operations ? null : 'creating topics is not available here'),
		match: (input) => input === 'N',
		run: ({open}) => open('create-topic', undefined, true),
	},
];
