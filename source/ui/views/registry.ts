// The router: what a view is, the table views of the snapshot, and the look-ups over a view list.
// A view is one entry: its `:command`, what argument it takes, how its title reads, where `enter`
// leads, and — for views that are not tables of the snapshot — the component that draws it. The
// console's whole list (these, the operator actions', tail's, the agents') is composed once
// (console-tables.ts, buildViews) and handed to every look-up.
import type {ComponentType} from 'react';
import type {Row} from '../../present/cells.js';
import type {Action, ConsoleState, ViewEntry} from '../../state/reducer.js';

export interface ViewProps {
	state: ConsoleState;
	entry: ViewEntry;
	width: number;
	height: number;
	dispatch: (action: Action) => void;
	/** whether this view receives keys first (custom views handle their own keys via useInput) */
	active: boolean;
}

export interface ViewDef {
	id: string;
	/** the word after `:` */
	command: string;
	aliases?: string[];
	/** what the argument names (for completion and errors) */
	arg?: {kind: 'topic' | 'group'; required: boolean};
	title: (entry: ViewEntry) => string;
	/** the list `:command ARG` opens underneath, so `esc` goes back to it */
	parent?: string;
	/** `enter` on a row: the view to push */
	drill?: (row: Row, entry: ViewEntry) => {view: string; arg?: string} | null;
	/** custom drawing; table views (brokers, topics, …) are drawn from state/select's table */
	component?: ComponentType<ViewProps>;
	/** the view reads every key itself (a confirmation prompt): the key table is off while it is on top */
	capturesInput?: boolean;
	/** an operator action's view (kill, elect, reassign): polling pauses while it is on top; not opened in --read-only */
	operatorAction?: boolean;
}

/** The table views of the snapshot. */
export const tableViews: readonly ViewDef[] = [
	{
		id: 'brokers',
		command: 'brokers',
		aliases: ['overview', 'b'],
		title: () => 'Brokers',
		drill: () => ({view: 'topics'}),
	},
	{
		id: 'topics',
		command: 'topics',
		aliases: ['t'],
		title: () => 'Topics',
		drill: (row) => ({view: 'partitions', arg: row.key}),
	},
	{
		id: 'partitions',
		command: 'topic',
		aliases: ['partitions'],
		arg: {kind: 'topic', required: true},
		parent: 'topics',
		title: (e) => `Partitions of ${e.arg ?? '?'}`,
	},
	{
		id: 'groups',
		command: 'groups',
		aliases: ['g', 'consumers'],
		title: () => 'Groups',
		drill: (row) => ({view: 'group', arg: row.key}),
	},
	{
		id: 'group',
		command: 'group',
		arg: {kind: 'group', required: true},
		parent: 'groups',
		title: (e) => `Group ${e.arg ?? '?'}`,
	},
	{
		id: 'controllers',
		command: 'controllers',
		aliases: ['quorum', 'c'],
		title: () => 'Controllers (KRaft quorum)',
	},
];

export type Views = readonly ViewDef[];

export function viewById(views: Views, id: string): ViewDef | undefined {
	return views.find((v) => v.id === id);
}

export function viewByCommand(views: Views, word: string): ViewDef | undefined {
	const w = word.toLowerCase();
	return views.find((v) => v.command === w) ?? views.find((v) => v.aliases?.includes(w));
}

/** Why the snapshot polling is paused now (an action runs, or an action's view is open), or null. */
export function pollingPause(views: Views, state: ConsoleState): string | null {
	if (state.actions.length) return state.actions.map((a) => a.label).join(', ');
	const top = state.stack[state.stack.length - 1];
	const def = top ? viewById(views, top.view) : undefined;
	return def?.operatorAction ? def.title(top!).toLowerCase() : null;
}

export const extraCommands = ['quit', 'help'];

/** Tab completion in the command bar: the completed text, or the input unchanged. */
export function complete(views: Views, input: string, state: ConsoleState): {text: string; candidates: string[]} {
	const parts = input.split(/\s+/);
	if (parts.length <= 1) {
		const words = [...views.map((v) => v.command), ...extraCommands];
		const candidates = words.filter((w) => w.startsWith(parts[0] ?? ''));
		return {text: candidates.length === 1 ? candidates[0]! + (viewByCommand(views, candidates[0]!)?.arg ? ' ' : '') : commonPrefix(candidates, input), candidates};
	}
	const def = viewByCommand(views, parts[0]!);
	const prefix = parts.slice(1).join(' ');
	let names: string[] = [];
	if (def?.arg?.kind === 'topic') names = state.snapshot?.topics.map((t) => t.name) ?? [];
	if (def?.arg?.kind === 'group') names = state.snapshot?.groups.map((g) => g.groupId) ?? [];
	const candidates = names.filter((n) => n.startsWith(prefix)).sort();
	if (candidates.length === 0) return {text: input, candidates};
	const done = candidates.length === 1 ? candidates[0]! : commonPrefix(candidates, prefix);
	return {text: `${parts[0]} ${done}`, candidates};
}

function commonPrefix(words: string[], fallback: string): string {
	if (words.length === 0) return fallback;
	let p = words[0]!;
	for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
	return p.length >= fallback.length ? p : fallback;
}
