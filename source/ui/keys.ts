// The console's keys: what a key command is, the navigation keys, and the footer, help and readme
// renderings of a table. The whole table — these plus the operator actions' keys — is composed once
// in console-tables.ts (test/unit/ui/keys.test.ts checks the readme against it). A key is one entry:
// keys, description, the views it applies to, `dangerous` (dropped in --read-only), and
// `disabledReason` (shown greyed in help with the reason, and refused with a flash line).
import type {Action, ConsoleState} from '../state/reducer.js';
import type {Row} from '../present/cells.js';
import type {Operations} from './operations.js';

/** The subset of Ink's Key we use (so this module does not load Ink). */
export interface KeyInfo {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	meta?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
}

/** One chunk of input as separate key events (Ink reports a fast-typed "topics\r" as one). */
export function splitKeys(input: string, key: KeyInfo): {input: string; key: KeyInfo}[] {
	const special = Object.entries(key).some(([k, v]) => v === true && k !== 'shift');
	if (input.length <= 1 || special) return [{input, key}];
	const out: {input: string; key: KeyInfo}[] = [];
	for (const ch of input) {
		if (ch === '\r' || ch === '\n') out.push({input: '', key: {return: true}});
		else if (ch === '\t') out.push({input: '', key: {tab: true}});
		else if (ch === '\x7f' || ch === '\b') out.push({input: '', key: {backspace: true}});
		else out.push({input: ch, key: {shift: ch !== ch.toLowerCase()}});
	}
	return out;
}

/** A view's key handler that takes one key at a time: a chunk of fast-typed or pasted keys ("-5\r") is split first. */
export function eachKey(handler: (input: string, key: KeyInfo) => void): (input: string, key: KeyInfo) => void {
	return (input, key) => {
		for (const ev of splitKeys(input, key)) handler(ev.input, ev.key);
	};
}

/** The topic a topic key acts on: the one whose partitions are shown, else the topic row under the cursor. */
export function selectedTopic(state: ConsoleState, selected: Row | null): string | undefined {
	const top = state.stack[state.stack.length - 1]!;
	return top.view === 'partitions' ? top.arg : selected?.key;
}

export interface KeyContext {
	state: ConsoleState;
	dispatch: (action: Action) => void;
	/** the row under the cursor in a table view */
	selected: Row | null;
	refreshNow: () => void;
	quit: () => void;
	/** opens a view by command name (validates and flashes on error) */
	open: (command: string, arg?: string, push?: boolean) => void;
	/** drill into the selected row (the view's `drill`) */
	drill: () => void;
	/** the operator actions; null in read-only mode */
	operations: Operations | null;
}

export type KeyCommand = KeyCommandBase &
	(
		| {run: (ctx: KeyContext) => void; opens?: never}
		/** the view this key pushes for the selected row (its key is the view's argument); the view
		 * itself does the rest, so a key that only opens a view needs no code of its own */
		| {opens: string; run?: never}
	);

interface KeyCommandBase {
	id: string;
	/** as shown to the operator: `j`, `↓`, `ctrl-r`, `shift-o` */
	keys: string[];
	description: string;
	/** view ids where it applies, or 'all' */
	views: readonly string[] | 'all';
	/** changes the cluster: never bound in --read-only mode */
	dangerous?: boolean;
	/** in the footer of its views (the rest is in `?`) */
	footer?: boolean;
	/** why it cannot run now (null = it can) */
	disabledReason?: (state: ConsoleState, selected: Row | null, operations: Operations | null) => string | null;
	match: (input: string, key: KeyInfo) => boolean;
}

const tableViews = ['brokers', 'topics', 'partitions', 'groups', 'group'] as const;

/** The navigation keys (every key that is not an operator action). */
export const navigationKeys: readonly KeyCommand[] = [
	{
		id: 'command',
		keys: [':'],
		description: 'command bar: brokers, topics, groups, topic NAME, group ID, agents, tail TOPIC (tab completes)',
		views: 'all',
		footer: true,
		match: (input) => input === ':',
		run: ({dispatch}) => dispatch({type: 'mode', mode: 'command'}),
	},
	{
		id: 'filter',
		keys: ['/'],
		description: 'filter rows by regex (enter keeps it, esc clears it)',
		views: [...tableViews, 'tail'],
		footer: true,
		match: (input) => input === '/',
		run: ({dispatch}) => dispatch({type: 'mode', mode: 'filter'}),
	},
	{
		id: 'down',
		keys: ['j', '↓'],
		description: 'move down',
		views: tableViews,
		match: (input, key) => input === 'j' || key.downArrow === true,
		run: ({dispatch}) => dispatch({type: 'move', delta: 1}),
	},
	{
		id: 'up',
		keys: ['k', '↑'],
		description: 'move up',
		views: tableViews,
		match: (input, key) => input === 'k' || key.upArrow === true,
		run: ({dispatch}) => dispatch({type: 'move', delta: -1}),
	},
	{
		id: 'page-down',
		keys: ['PgDn', 'ctrl-f'],
		description: 'page down',
		views: tableViews,
		match: (input, key) => key.pageDown === true || (key.ctrl === true && input === 'f'),
		run: ({dispatch}) => dispatch({type: 'page', dir: 1}),
	},
	{
		id: 'page-up',
		keys: ['PgUp', 'ctrl-b'],
		description: 'page up',
		views: tableViews,
		match: (input, key) => key.pageUp === true || (key.ctrl === true && input === 'b'),
		run: ({dispatch}) => dispatch({type: 'page', dir: -1}),
	},
	{
		id: 'top',
		keys: ['g', 'Home'],
		description: 'first row',
		views: tableViews,
		match: (input, key) => (input === 'g' && !key.ctrl) || key.home === true,
		run: ({dispatch}) => dispatch({type: 'move-to', where: 'top'}),
	},
	{
		id: 'bottom',
		keys: ['G', 'End'],
		description: 'last row',
		views: tableViews,
		match: (input, key) => input === 'G' || key.end === true,
		run: ({dispatch}) => dispatch({type: 'move-to', where: 'bottom'}),
	},
	{
		id: 'drill',
		keys: ['enter'],
		description: 'open the selected topic (partitions) or group (per-partition lag)',
		views: ['topics', 'groups', 'brokers'],
		footer: true,
		disabledReason: (_s, selected) => (selected ? null : 'nothing selected'),
		match: (_input, key) => key.return === true,
		run: ({drill}) => drill(),
	},
	{
		id: 'back',
		keys: ['esc'],
		description: 'clear the filter, else go back',
		views: 'all',
		footer: true,
		match: (_input, key) => key.escape === true,
		run: ({state, dispatch}) => {
			const top = state.stack[state.stack.length - 1]!;
			if (top.filter) dispatch({type: 'filter', text: ''});
			else dispatch({type: 'pop'});
		},
	},
	{
		id: 'tail',
		keys: ['t'],
		description: 'tail the selected topic (live messages)',
		views: ['topics', 'partitions'],
		footer: true,
		disabledReason: (_s, selected) => (selected ? null : 'nothing selected'),
		match: (input) => input === 't',
		run: ({state, selected, open}) => {
			const topic = selectedTopic(state, selected);
			if (topic) open('tail', topic, true);
		},
	},
	{
		id: 'refresh',
		keys: ['ctrl-r'],
		description: 'refresh now',
		views: 'all',
		match: (input, key) => key.ctrl === true && input === 'r',
		run: ({refreshNow}) => refreshNow(),
	},
	{
		id: 'sort',
		keys: ['shift-o'],
		description: 'sort by the next column (numbers largest first)',
		views: tableViews,
		footer: true,
		match: (input) => input === 'O',
		run: ({dispatch}) => dispatch({type: 'sort-next'}),
	},
	{
		id: 'sort-reverse',
		keys: ['shift-i'],
		description: 'invert the order (smallest first, Z→A, or the natural order backwards)',
		views: tableViews,
		match: (input) => input === 'I',
		run: ({dispatch}) => dispatch({type: 'sort-reverse'}),
	},
	{
		id: 'help',
		keys: ['?'],
		description: 'help: every key',
		views: 'all',
		footer: true,
		match: (input) => input === '?',
		run: ({state, dispatch}) => dispatch({type: 'mode', mode: state.mode === 'help' ? 'normal' : 'help'}),
	},
	{
		id: 'quit',
		keys: ['q', 'ctrl-c'],
		description: 'quit (the terminal is restored)',
		views: 'all',
		footer: true,
		match: (input, key) => input === 'q' || (key.ctrl === true && input === 'c'),
		run: ({quit}) => quit(),
	},
];

/** The table in force: every command, minus the dangerous ones in read-only mode. */
export function activeCommands(readOnly: boolean, table: readonly KeyCommand[]): KeyCommand[] {
	return table.filter((c) => !(readOnly && c.dangerous));
}

export function appliesTo(command: KeyCommand, view: string): boolean {
	return command.views === 'all' || command.views.includes(view);
}

export function findCommand(commands: readonly KeyCommand[], view: string, input: string, key: KeyInfo): KeyCommand | undefined {
	return commands.find((c) => appliesTo(c, view) && c.match(input, key));
}

/** Where a key moves the `?` overlay to (j/k, ↓/↑, g/G, Home/End, PgDn/PgUp), or null for other keys. */
export function helpScroll(input: string, key: KeyInfo, offset: number, page: number, max: number): number | null {
	if (input === 'j' || key.downArrow) return offset + 1;
	if (input === 'k' || key.upArrow) return offset - 1;
	if (input === 'G' || key.end) return max;
	if (input === 'g' || key.home) return 0;
	if (key.pageDown || (key.ctrl && input === 'f')) return offset + page;
	if (key.pageUp || (key.ctrl && input === 'b')) return offset - page;
	return null;
}

/** The footer hints for a view: `: command  / filter  enter open …`. */
export function footerHints(commands: readonly KeyCommand[], view: string): {id: string; keys: string; label: string}[] {
	return commands
		.filter((c) => c.footer && appliesTo(c, view))
		.map((c) => ({id: c.id, keys: c.keys[0]!, label: shortLabel(c)}));
}

function shortLabel(c: KeyCommand): string {
	const labels: Record<string, string> = {
		command: 'command',
		filter: 'filter',
		drill: 'open',
		back: 'back',
		tail: 'tail',
		sort: 'sort',
		help: 'help',
		quit: 'quit',
		'kill-broker': 'kill',
		'start-broker': 'start',
		'reset-offsets': 'reset',
		'topic-configs': 'configs',
		'delete-topic': 'delete',
		'add-partitions': 'partitions+',
		produce: 'write',
		'create-topic': 'new',
	};
	return labels[c.id] ?? c.id;
}

function viewsText(c: KeyCommand): string {
	return c.views === 'all' ? 'all' : c.views.join(', ');
}

/** The readme's key table (markdown), rendered from the table (full mode, not read-only). */
export function keyTableMarkdown(commands: readonly KeyCommand[]): string {
	const lines = ['| keys | what it does | views | dangerous |', '|---|---|---|---|'];
	for (const c of commands) {
		const keys = c.keys.map((k) => '`' + (k === '|' ? '\\|' : k) + '`').join(' ');
		lines.push(`| ${keys} | ${c.description} | ${viewsText(c)} | ${c.dangerous ? 'yes (not in --read-only)' : ''} |`);
	}
	return lines.join('\n');
}

/** Lines of the `?` overlay for a view. */
export function helpLines(
	commands: readonly KeyCommand[],
	state: ConsoleState,
	view: string,
	selected: Row | null,
	operations: Operations | null = null,
): {keys: string; description: string; disabled: string | null; here: boolean}[] {
	return commands.map((c) => ({
		keys: c.keys.join(' '),
		description: c.description + (c.dangerous ? ' [dangerous]' : ''),
		disabled: c.disabledReason?.(state, selected, operations) ?? null,
		here: appliesTo(c, view),
	}));
}
