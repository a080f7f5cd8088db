// The console's reassignment flow as a pure state machine: keys in, the next step (and what the
// host must do) out. Steps: pick target brokers → preview the generated plan → throttle → type
// 'reassign' → live progress. The host (reassign-action.tsx) runs the effects.
import type {BrokerInfo, TopicInfo} from '../../domain/cluster.js';
import {generatePlan, parseRate, PlanError, type GeneratedPlan} from '../../domain/reassign-plan.js';
import {planSummary, type PartitionProgress, type PlanOutcome} from '../../domain/reassign-progress.js';
import type {KeyInfo} from '../keys.js';
import type {ReassignMove, ReassignStep} from './action-reassign.js';

export const confirmWord = 'reassign';

export interface FlowState {
	step: ReassignStep;
	brokers: number[];
	targets: number[];
	/** index into brokers in the targets step */
	cursor: number;
	racks: ReadonlyMap<number, string | null>;
	generated: GeneratedPlan | null;
	throttleText: string;
	throttle: number | null;
	/** what is typed in the execute step */
	typed: string;
	error: string | null;
	/** the moves were asked for (progress step); false until then */
	started: boolean;
	progress: PartitionProgress[];
	/** what the plan came to once nothing of it moves: complete (all as planned) or differs; null while moving */
	outcome: Exclude<PlanOutcome, 'moving'> | null;
	/** nothing moves any more and the throttle step is over (or the moves were cancelled) */
	finished: boolean;
	/** `c` was pressed in the progress step: `y` cancels the moves still running */
	confirmCancel: boolean;
}

/** What the host does after a key: leave the view, start the moves, or cancel them. */
export type FlowEffect = 'leave' | 'start' | 'cancel' | null;

export function initialFlow(brokers: BrokerInfo[]): FlowState {
	const alive = brokers.filter((b) => b.registered !== false);
	const ids = alive.map((b) => b.id).sort((a, b) => a - b);
	return {
		step: 'targets',
		brokers: ids,
		// an unreachable broker is listed (it may be picked) but not proposed
		targets: alive.filter((b) => b.reachable).map((b) => b.id).sort((a, b) => a - b),
		cursor: 0,
		racks: new Map(alive.map((b) => [b.id, b.rack])),
		generated: null,
		throttleText: '',
		throttle: null,
		typed: '',
		error: null,
		started: false,
		progress: [],
		outcome: null,
		finished: false,
		confirmCancel: false,
	};
}

/** The generated plan as rows: every partition, from its current replicas to the planned ones. */
export function planMoves(generated: GeneratedPlan): ReassignMove[] {
	const current = new Map(generated.current.partitions.map((e) => [e.partition, e.replicas]));
	return generated.plan.partitions.map((e) => ({partition: e.partition, from: current.get(e.partition) ?? [], to: e.replicas}));
}

export const changingMoves = (generated: GeneratedPlan) => planMoves(generated).filter((m) => m.from.join(',') !== m.to.join(','));

const back: Partial<Record<ReassignStep, ReassignStep>> = {preview: 'targets', throttle: 'preview', execute: 'throttle'};

function typing(text: string, input: string, key: KeyInfo): string {
	if (key.backspace || key.delete) return text.slice(0, -1);
	if (input && !key.ctrl && !key.meta && !key.tab && !key.return && !key.escape) return text + input;
	return text;
}

export function flowKey(state: FlowState, topic: TopicInfo, input: string, key: KeyInfo): {state: FlowState; effect: FlowEffect} {
	const s = {...state, error: null};
	const stay = (next: FlowState) => ({state: next, effect: null as FlowEffect});
	if (key.escape) {
		const previous = back[state.step];
		return previous && !state.started ? stay({...s, step: previous}) : {state: s, effect: 'leave'};
	}
	switch (state.step) {
		case 'targets': {
			if (input === 'j' || key.downArrow) return stay({...s, cursor: Math.min(s.brokers.length - 1, s.cursor + 1)});
			if (input === 'k' || key.upArrow) return stay({...s, cursor: Math.max(0, s.cursor - 1)});
			if (input === ' ') {
				const id = s.brokers[s.cursor]!;
				const targets = s.targets.includes(id) ? s.targets.filter((b) => b !== id) : [...s.targets, id].sort((a, b) => a - b);
				return stay({...s, targets});
			}
			if (!key.return) return stay(state);
			try {
				const generated = generatePlan([topic], s.targets, {racks: s.racks});
				return stay({...s, step: 'preview', generated});
			} catch (error) {
				if (error instanceof PlanError) return stay({...s, error: error.problems.join('; ')});
				throw error;
			}
		}
		case 'preview':
			if (!key.return) return stay(state);
			if (!s.generated || changingMoves(s.generated).length === 0) return stay({...s, error: 'nothing to move: pick other target brokers (esc)'});
			return stay({...s, step: 'throttle'});
		case 'throttle': {
			if (!key.return) return stay({...s, throttleText: typing(s.throttleText, input, key)});
			const text = s.throttleText.trim();
			if (text === '') return stay({...s, step: 'execute', throttle: null});
			try {
				return stay({...s, step: 'execute', throttle: parseRate(text)});
			} catch (error) {
				return stay({...s, error: `throttle: ${(error as Error).message}`});
			}
		}
		case 'execute':
			if (!key.return) return stay({...s, typed: typing(s.typed, input, key)});
			if (s.typed !== confirmWord) return stay({...s, typed: '', error: `type '${confirmWord}' to start (esc goes back)`});
			return {state: {...s, step: 'progress', started: true}, effect: 'start'};
		case 'progress':
			if (s.finished) return stay(state);
			if (s.confirmCancel) return input === 'y' ? {state: {...s, confirmCancel: false}, effect: 'cancel'} : stay({...s, confirmCancel: false});
			return stay(input === 'c' ? {...s, confirmCancel: true} : state);
	}
}

/**
 * A progress reading: while anything of the plan moves, polling goes on; once nothing does, the
 * outcome is kept and the host runs the throttle step ('finish'), then calls flowFinished.
 */
export function flowProgress(state: FlowState, partitions: PartitionProgress[]): {state: FlowState; effect: 'finish' | null} {
	const {outcome} = planSummary(partitions);
	if (outcome === 'moving') return {state: {...state, progress: partitions, error: null}, effect: null};
	return {state: {...state, progress: partitions, outcome, error: null}, effect: 'finish'};
}

/** The throttle step is over: the flow ends with a line that says what the plan came to. */
export function flowFinished(state: FlowState, topic: string, throttles: string): {state: FlowState; status: string} {
	const s = planSummary(state.progress);
	const what = s.outcome === 'complete' ? 'complete' : `finished, ${s.differs} of ${s.total} partition(s) NOT as planned`;
	return {state: {...state, finished: true}, status: `reassignment of ${topic} ${what}; throttles: ${throttles} — esc goes back`};
}
