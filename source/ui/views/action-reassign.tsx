// Console side of `R` on a topic: the reassignment flow's steps as pure views. The host (router)
// keeps the step and the data; these draw: target brokers → preview of moves → throttle → execute
// → live progress (PartitionProgress rows from domain/reassign-progress).
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import type {PartitionProgress} from '../../domain/reassign-progress.js';
import {paint} from '../theme.js';
import {truncateToWidth} from '../../present/display-width.js';

export type ReassignStep = 'targets' | 'preview' | 'throttle' | 'execute' | 'progress';
export const reassignSteps: ReassignStep[] = ['targets', 'preview', 'throttle', 'execute', 'progress'];

export interface ReassignMove {
	partition: number;
	from: number[];
	to: number[];
}

export interface ReassignFlowProps {
	topic: string;
	step: ReassignStep;
	/** every broker id, and the ones picked as targets */
	brokers: number[];
	targets: number[];
	/** broker id under the cursor in the targets step */
	cursor?: number;
	/** the generated plan against the current assignment */
	moves?: ReassignMove[];
	replicaMoves?: number;
	/** bytes per second, null = no throttle */
	throttle?: number | null;
	/** what the throttle field holds while typed, e.g. "10MB/s" */
	throttleText?: string;
	/** what is typed in the execute step */
	typed?: string;
	progress?: PartitionProgress[];
	/** a line above the progress rows (what was started, or that it is complete) */
	status?: string;
	/** progress step: the moves ended (done or cancelled); confirmCancel: `c` asks before cancelling */
	finished?: boolean;
	confirmCancel?: boolean;
	error?: string | null;
	width: number;
	height: number;
}

function StepBar({step}: {step: ReassignStep}) {
	const at = reassignSteps.indexOf(step);
	return (
		<Text>
			{reassignSteps.map((s, i) => paint(i === at ? 'accent' : i < at ? 'ok' : 'dim', `${i + 1} ${s}`)).join(paint('dim', '  ›  '))}
		</Text>
	);
}

const list = (ids: number[]) => `[${ids.join(',')}]`;

export function progressLine(p: PartitionProgress): string {
	if (p.state === 'done') return `p${p.partition}  done ${list(p.target)}`;
	if (p.state === 'differs') return `p${p.partition}  NOT as planned: ${list(p.current)} vs ${list(p.target)}`;
	const pct = p.bytesTotal !== null && p.bytesDone !== null ? (p.bytesTotal === 0n ? 100 : Number((p.bytesDone * 1000n) / p.bytesTotal) / 10) : null;
	const bar = pct === null ? '' : ` ${'█'.repeat(Math.round(pct / 10))}${'░'.repeat(10 - Math.round(pct / 10))} ${pct.toFixed(1)}%`;
	const eta = p.etaSeconds === null ? '' : ` ETA ${Math.ceil(p.etaSeconds)} s`;
	return `p${p.partition}  moving ${list(p.current)} → ${list(p.target)}${bar}${eta}`;
}

export function ReassignFlow(props: ReassignFlowProps) {
	const {topic, step, width, height} = props;
	const body: string[] = [];
	const tones: Array<'ok' | 'warn' | 'bad' | 'dim' | 'accent' | undefined> = [];
	const push = (line: string, tone?: (typeof tones)[number]) => {
		body.push(line);
		tones.push(tone);
	};
	switch (step) {
		case 'targets':
			push('Target brokers (space toggles, enter continues):');
			for (const b of props.brokers) push(`${props.cursor === b ? '›' : ' '} [${props.targets.includes(b) ? 'x' : ' '}] broker ${b}`, props.targets.includes(b) ? 'accent' : undefined);
			break;
		case 'preview': {
			const moves = props.moves ?? [];
			const changing = moves.filter((m) => list(m.from) !== list(m.to));
			push(`${changing.length} of ${moves.length} partitions change, ${props.replicaMoves ?? 0} replica move(s) onto ${list(props.targets)}:`);
			for (const m of changing) push(`  p${m.partition}  ${list(m.from)} → ${list(m.to)}`);
			if (!changing.length) push('  nothing to move: the assignment is already balanced', 'dim');
			break;
		}
		case 'throttle':
			push(`Throttle per broker while replicas move (empty = none): ${props.throttleText ?? ''}█`);
			push('e.g. 10MB/s, 512KB/s', 'dim');
			break;
		case 'execute':
			push(`Move ${topic} onto ${list(props.targets)}${props.throttle ? ` at ${props.throttle} B/s` : ' without a throttle'}.`, 'warn');
			push("Type 'reassign' and enter to start, esc to go back. The current assignment is saved for rollback.");
			push(`> ${props.typed ?? ''}█`);
			break;
		case 'progress': {
			const progress = props.progress ?? [];
			const done = progress.filter((p) => p.state === 'done').length;
			const differs = progress.filter((p) => p.state === 'differs').length;
			if (props.status) push(props.status, props.finished && differs ? 'bad' : 'dim');
			const count = `${done}/${progress.length} partitions done${props.finished && differs ? `, ${differs} NOT as planned` : ''}`;
			push(progress.length ? count : 'starting…', progress.length && done === progress.length ? 'ok' : props.finished && differs ? 'bad' : undefined);
			if (props.confirmCancel) push('Cancel the moves still running? y cancels (the replicas go back), any other key keeps them', 'warn');
			else if (!props.finished) push('c cancels the moves still running · esc leaves (the moves go on)', 'dim');
			for (const p of progress) push(progressLine(p), p.state === 'done' ? 'ok' : p.state === 'differs' ? 'bad' : undefined);
			break;
		}
	}
	const room = Math.max(1, height - 3);
	const shown = body.length > room ? [...body.slice(0, room - 1), `… and ${body.length - room + 1} more`] : body;
	return (
		<Box flexDirection="column" width={width}>
			<Text>{paint('accent', `Reassign ${topic}`)}</Text>
			<StepBar step={step} />
			{shown.map((line, i) => (
				<Text key={i}>{paint(tones[i], truncateToWidth(line, width))}</Text>
			))}
			{props.error ? <Text>{paint('bad', props.error)}</Text> : null}
		</Box>
	);
}
