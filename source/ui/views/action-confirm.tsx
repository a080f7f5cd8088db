// Console confirmations for dangerous actions (k9s style: type the name to confirm).
// TypeToConfirm is pure (the host passes what was typed); ConfirmPrompt owns the typing via Ink's
// useInput; KillConfirm is the whole K flow: preview → type the broker id → a second confirmation
// ("offline") when the kill takes partitions offline. Killing the last reachable broker is not
// offered at all (the scripted command needs --force for it).
import React, {useRef, useState} from 'react';
import {Box, useInput} from 'ink';
import {Text} from '../text.js';
import {eachKey} from '../keys.js';
import {killNeedsForce, type KillImpact} from '../../domain/impact.js';
import {paint} from '../theme.js';
import {ImpactPreview} from './action-impact.js';

export interface TypeToConfirmProps {
	/** e.g. "Kill broker 4 (SIGKILL)" */
	title: string;
	/** what must be typed, e.g. "4" */
	expected: string;
	/** what the operator typed so far */
	typed: string;
	/** a line under the prompt, e.g. a mismatch */
	error?: string | null;
	width: number;
}

export function TypeToConfirm({title, expected, typed, error, width}: TypeToConfirmProps) {
	const ok = typed === expected;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
			<Text>{paint('bad', title)}</Text>
			<Text>
				Type {paint('accent', expected)} and press enter to confirm, esc to cancel: {paint(ok ? 'ok' : undefined, typed)}
				{'█'}
			</Text>
			{error ? <Text>{paint('warn', error)}</Text> : null}
		</Box>
	);
}

export interface ConfirmPromptProps {
	title: string;
	expected: string;
	width: number;
	onConfirm: () => void;
	onCancel: () => void;
	/** false while another component owns the keyboard */
	isActive?: boolean;
}

/** TypeToConfirm with its own input handling: enter confirms only on an exact match. */
export function ConfirmPrompt({title, expected, width, onConfirm, onCancel, isActive = true}: ConfirmPromptProps) {
	const [typed, setTypedState] = useState('');
	// the handler may run before a re-render: read what was typed from a ref, not a stale closure
	const current = useRef('');
	const setTyped = (value: string) => {
		current.current = value;
		setTypedState(value);
	};
	const [error, setError] = useState<string | null>(null);
	useInput(
		eachKey((input, key) => {
			if (key.escape) return onCancel();
			if (key.return) {
				if (current.current === expected) onConfirm();
				else setError(`'${current.current}' is not '${expected}'`);
				return;
			}
			if (key.backspace || key.delete) {
				setTyped(current.current.slice(0, -1));
				return;
			}
			if (input && !key.ctrl && !key.meta) {
				setError(null);
				setTyped(current.current + input);
			}
		}),
		{isActive},
	);
	return <TypeToConfirm title={title} expected={expected} typed={typed} error={error} width={width} />;
}

export type KillStep = 'confirm-id' | 'confirm-offline' | 'refused';

/** Which step the kill flow starts at, and whether it can go on at all. */
export function killSteps(impact: KillImpact): {steps: KillStep[]; refusal: string | null} {
	if (impact.lastReachable) return {steps: ['refused'], refusal: `${killNeedsForce(impact)}: use \`kcon broker kill ${impact.brokerId} --force\``};
	return {steps: impact.offline.length ? ['confirm-id', 'confirm-offline'] : ['confirm-id'], refusal: null};
}

export interface KillConfirmProps {
	impact: KillImpact;
	signal: 'KILL' | 'TERM';
	width: number;
	height: number;
	/** called after every step is confirmed; force is true when the operator accepted going offline */
	onConfirm: (options: {force: boolean}) => void;
	onCancel: () => void;
	isActive?: boolean;
}

export function KillConfirm({impact, signal, width, height, onConfirm, onCancel, isActive = true}: KillConfirmProps) {
	const {steps, refusal} = killSteps(impact);
	const [step, setStepState] = useState(0);
	const stepRef = useRef(0);
	const setStep = (value: number) => {
		stepRef.current = value;
		setStepState(value);
	};
	const current = steps[step]!;
	useInput((_input, key) => {
		if (key.escape) onCancel();
	}, {isActive: isActive && current === 'refused'});
	const next = () => {
		if (stepRef.current + 1 < steps.length) setStep(stepRef.current + 1);
		else onConfirm({force: steps.includes('confirm-offline')});
	};
	const n = impact.offline.length;
	return (
		<Box flexDirection="column" width={width}>
			<ImpactPreview impact={impact} width={width} height={Math.max(3, height - 5)} />
			{current === 'refused' ? (
				<Text>{paint('bad', `${refusal} (esc to close)`)}</Text>
			) : current === 'confirm-id' ? (
				<ConfirmPrompt
					key="id"
					title={`${signal === 'KILL' ? 'Kill -9' : 'Stop'} broker ${impact.brokerId}`}
					expected={String(impact.brokerId)}
					width={width}
					onConfirm={next}
					onCancel={onCancel}
					isActive={isActive}
				/>
			) : (
				<ConfirmPrompt
					key="offline"
					title={`This takes ${n} partition${n === 1 ? '' : 's'} OFFLINE until broker ${impact.brokerId} is back`}
					expected="offline"
					width={width}
					onConfirm={next}
					onCancel={onCancel}
					isActive={isActive}
				/>
			)}
		</Box>
	);
}
