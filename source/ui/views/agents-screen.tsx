// The agents views mounted in the console: `:agents` (list, ↑/↓ or j/k, enter → detail) and the
// per-agent detail. They read an AgentSource (domain interface; commands/console.ts creates one
// with createAgentSource(resolveAgents(values).agents) from snmp/agent-source.ts) and draw with
// the pure AgentsView / AgentDetailView. The console adds them to its views with buildViews(agentViewDefs(src)).
import React, {useRef, useState, useSyncExternalStore} from 'react';
import {Box, useInput} from 'ink';
import {Text} from '../text.js';
import {escapeControl} from '../../terminal-safe.js';
import {agentsUp, type AgentSource} from '../../domain/metrics.js';
import type {ViewDef, ViewProps} from './registry.js';
import {AgentsView} from './agents-view.js';
import {AgentDetailView} from './agent-detail-view.js';

function useAgents(source: AgentSource) {
	return useSyncExternalStore(
		(cb) => source.subscribe(cb),
		() => source.snapshot(),
	);
}

// the list cursor per source survives a trip to the detail view and back
const cursors = new WeakMap<AgentSource, number>();

export interface AgentsScreenProps {
	source: AgentSource;
	width: number;
	height: number;
	active: boolean;
	onOpen?: (name: string) => void;
}

export function AgentsScreen({source, width, height, active, onOpen}: AgentsScreenProps) {
	const snap = useAgents(source);
	const [cursor, setCursor] = useState(() => cursors.get(source) ?? 0);
	const index = Math.max(0, Math.min(cursor, snap.states.length - 1));
	// Keys can arrive faster than React renders (typed quickly, or in one chunk): each key reads the
	// cursor and the list as the previous key left them, not as the last render saw them.
	const latest = useRef(snap);
	latest.current = snap;
	useInput(
		(input, key) => {
			const {states} = latest.current;
			const last = states.length - 1;
			const at = Math.max(0, Math.min(cursors.get(source) ?? 0, last));
			const move = (to: number) => {
				const next = Math.max(0, Math.min(to, last));
				cursors.set(source, next);
				setCursor(next);
			};
			if (key.downArrow || input === 'j') move(at + 1);
			else if (key.upArrow || input === 'k') move(at - 1);
			else if (input === 'g') move(0);
			else if (input === 'G') move(last);
			else if (key.return && states[at]) onOpen?.(states[at]!.name);
		},
		{isActive: active},
	);
	return <AgentsView agents={snap.states} series={snap.series} width={width} height={height} cursor={index} title={false} />;
}

export function AgentDetailScreen({source, name, width, height}: {source: AgentSource; name: string; width: number; height: number}) {
	const snap = useAgents(source);
	const agent = snap.states.find((s) => s.name === name);
	if (!agent) {
		return (
			<Box>
				<Text>no agent named {escapeControl(name)}</Text>
			</Box>
		);
	}
	return <AgentDetailView agent={agent} series={snap.series[name]} width={width} height={height} windowMs={snap.windowMs} />;
}

export function agentViewDefs(source: AgentSource): ViewDef[] {
	function AgentsListView({width, height, dispatch, active}: ViewProps) {
		return (
			<AgentsScreen
				source={source}
				width={width}
				height={height}
				active={active}
				onOpen={(name) => dispatch({type: 'push', view: 'agent', arg: name})}
			/>
		);
	}
	function AgentView({entry, width, height}: ViewProps) {
		return <AgentDetailScreen source={source} name={entry.arg ?? ''} width={width} height={height} />;
	}
	return [
		{
			id: 'agents',
			command: 'agents',
			aliases: ['pis', 'a'],
			title: () => {
				const {up, total} = agentsUp(source.snapshot().states);
				return `Agents ${up}/${total} up`;
			},
			component: AgentsListView,
		},
		{
			id: 'agent',
			command: 'agent',
			parent: 'agents',
			title: (e) => `Agent ${e.arg ?? '?'}`,
			component: AgentView,
		},
	];
}
