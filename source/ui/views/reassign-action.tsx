// `R` on a topic: the reassignment flow (reassign-flow.ts) hosted in the console. The moves and the
// progress come from the same guarded, audited actions as `kcon reassign execute|verify|cancel`
// (ops/reassign-*.ts, through the console's Operations). Polling pauses while the flow is open; the
// flow polls its own progress, which only reads: removing the throttles is a separate operation it
// invokes once a reading says nothing of the plan moves any more.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {useInput} from 'ink';
import {Text} from '../text.js';
import {selectedTopic, splitKeys, type KeyCommand} from '../keys.js';
import {useOperations} from '../operations.js';
import {paint} from '../theme.js';
import {ReassignFlow} from './action-reassign.js';
import {flowFinished, flowKey, flowProgress, initialFlow, planMoves, type FlowState} from './reassign-flow.js';
import type {ViewDef, ViewProps} from './registry.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function ReassignView({state, entry, width, height, dispatch, active}: ViewProps) {
	const name = entry.arg ?? '';
	// the topic and brokers as the flow opened: the preview does not shift while the operator decides
	const topic = useMemo(() => state.snapshot?.topics.find((t) => t.name === name), [name]);
	const [flow, setFlow] = useState<FlowState>(() => initialFlow(state.snapshot?.brokers ?? []));
	const flowRef = useRef(flow);
	const [status, setStatus] = useState<string | undefined>();
	const planFile = useRef<string | null>(null);
	const update = (next: FlowState) => {
		flowRef.current = next;
		setFlow(next);
	};
	const run = useOperations()?.reassign ?? null;
	const actionId = `reassign:${name}`;
	const end = () => dispatch({type: 'action-end', id: actionId, refresh: {topics: [name]}});

	const leave = (f: FlowState) => {
		dispatch({type: 'pop'});
		if (!f.started) return;
		end();
		if (!f.finished) dispatch({type: 'flash', level: 'warn', text: `${name} is still moving; follow it with: kcon reassign verify ${planFile.current ?? '<plan>'}`});
	};

	const start = (f: FlowState) => {
		if (!run || !f.generated) return;
		dispatch({type: 'action-start', id: actionId, label: `reassigning ${name}`});
		run.start(f.generated.plan, f.throttle).then(
			(r) => {
				planFile.current = r.planFile;
				setStatus(r.text);
			},
			(error: unknown) => {
				end();
				update({...flowRef.current, step: 'execute', started: false, typed: '', error: message(error)});
			},
		);
	};

	const cancel = (f: FlowState) => {
		if (!run || !f.generated) return;
		setStatus('cancelling the moves still running…');
		run.cancel(f.generated.plan).then(
			(text) => {
				update({...flowRef.current, finished: true});
				setStatus(`${text} — esc goes back`);
				end();
			},
			(error: unknown) => update({...flowRef.current, error: `cancel: ${message(error)}`}),
		);
	};

	// live progress until the plan is done (and the throttles are gone)
	const polling = flow.started && status !== undefined && !flow.finished;
	useEffect(() => {
		if (!polling || !run || !flow.generated) return;
		const plan = flow.generated.plan;
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		const tick = async () => {
			// a cancel may have ended the flow since this tick was scheduled: no more readings then
			if (stopped || flowRef.current.finished) return;
			try {
				const p = await run.progress(plan);
				if (stopped || flowRef.current.finished) return;
				const next = flowProgress(flowRef.current, p.partitions);
				update(next.state);
				if (next.effect === 'finish') {
					// the only write of the progress step, after the reading said nothing moves any more
					const throttles = flowRef.current.throttle === null ? 'none set' : await run.clearThrottles(plan);
					if (stopped) return;
					const done = flowFinished(flowRef.current, name, throttles);
					update(done.state);
					setStatus(done.status);
					end();
					return;
				}
			} catch (error) {
				if (stopped) return;
				update({...flowRef.current, error: `progress: ${message(error)} (retrying)`});
			}
			timer = setTimeout(() => void tick(), state.refreshMs);
		};
		void tick();
		return () => {
			stopped = true;
			if (timer) clearTimeout(timer);
		};
	}, [polling]);

	useInput(
		(input, key) => {
			if (!topic) {
				if (key.escape) dispatch({type: 'pop'});
				return;
			}
			for (const ev of splitKeys(input, key)) {
				const {state: next, effect} = flowKey(flowRef.current, topic, ev.input, ev.key);
				update(next);
				if (effect === 'leave') return leave(next);
				if (effect === 'start') start(next);
				if (effect === 'cancel') cancel(next);
			}
		},
		{isActive: active},
	);

	if (!topic) return <Text>{paint('bad', `topic '${name}' is not in the snapshot: esc goes back`)}</Text>;
	if (!run) return <Text>{paint('bad', 'reassignment is not available here (read-only?): esc goes back')}</Text>;
	return (
		<ReassignFlow
			topic={name}
			step={flow.step}
			brokers={flow.brokers}
			targets={flow.targets}
			cursor={flow.brokers[flow.cursor]}
			moves={flow.generated ? planMoves(flow.generated) : []}
			replicaMoves={flow.generated?.replicaMoves ?? 0}
			throttle={flow.throttle}
			throttleText={flow.throttleText}
			typed={flow.typed}
			progress={flow.progress}
			status={status}
			finished={flow.finished}
			confirmCancel={flow.confirmCancel}
			error={flow.error}
			width={width}
			height={height}
		/>
	);
}

export const reassignViews: readonly ViewDef[] = [
	{
		id: 'reassign',
		command: 'reassign',
		arg: {kind: 'topic', required: true},
		title: (e) => `Reassign ${e.arg ?? '?'}`,
		component: ReassignView,
		capturesInput: true,
		operatorAction: true,
	},
];

export const reassignKeys: readonly KeyCommand[] = [
	{
		id: 'reassign-topic',
		keys: ['R'],
		description: 'reassign the selected topic: target brokers, preview of moves, throttle, type reassign, live progress',
		views: ['topics', 'partitions'],
		dangerous: true,
		footer: true,
		disabledReason: (_s, selected, operations) => (operations ? null : 'reassignment is not available here') ?? (selected ? null : 'no topic selected'),
		match: (input) => input === 'R',
		run: ({state, selected, open}) => {
			const topic = selectedTopic(state, selected);
			if (topic) open('reassign', topic, true);
		},
	},
];
