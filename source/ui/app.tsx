// The live console: the reducer, one snapshot poller, keys from the key table, the Screen.
// Loaded only by `kcon` (console) through a dynamic import, so `describe` never loads Ink or React.
import React, {useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import {render, useApp, useInput, useStdout} from 'ink';
import type {ClusterSnapshot} from '../domain/cluster.js';
import {agentsUp, type AgentSource} from '../domain/metrics.js';
import {paint} from './theme.js';
import {Poller} from '../state/poller.js';
import {current, initialState, type Action, type ConsoleState, type RefreshScope} from '../state/reducer.js';
import {reducer, snapshotRequest} from './console-state.js';
import {scopedRequest, type SnapshotRequest} from '../state/wants.js';
import {activeCommands, findCommand, helpScroll, splitKeys, type KeyContext, type KeyInfo} from './keys.js';

export {splitKeys};
import {Screen, selectedRow} from './screen.js';
import {buildViews, consoleViews, keyCommands} from './console-tables.js';
import {OperationsProvider, useOperations, type Operations} from './operations.js';
import {complete, pollingPause, viewByCommand as viewByCommandIn, viewById as viewByIdIn, type ViewDef, type Views} from './views/registry.js';

export interface SnapshotSource {
	snapshot(options?: SnapshotRequest): Promise<ClusterSnapshot>;
	close?(): Promise<void>;
}

export interface AppProps {
	source: SnapshotSource;
	refreshMs: number;
	readOnly: boolean;
	target?: string;
	view?: string;
	/** fixed size (tests); default: the terminal's, following resizes */
	width?: number;
	height?: number;
	agents?: AgentSource;
	/** called after each frame is committed (bench) */
	onFrame?: (state: ConsoleState) => void;
	/** the console's views (buildViews); default: the built-in ones */
	views?: Views;
}

const marksMs = 1500;

const flashMs = 4000;

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function useTerminalSize(fixed?: {width?: number; height?: number}): {width: number; height: number} {
	const {stdout} = useStdout();
	const read = () => ({
		width: fixed?.width ?? stdout.columns ?? 120,
		// one line short of the terminal: a frame of exactly `rows` lines makes Ink clear the screen
		height: fixed?.height ?? Math.max(8, (stdout.rows ?? 40) - 1),
	});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed?.width && fixed.height) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

const noAgents = {subscribe: () => () => {}, snapshot: () => null};

/** "agents up M/N" for the health strip, following the agent feed ('' without agents). */
function useAgentsStrip(agents: AgentSource | undefined): string {
	const src = agents ?? noAgents;
	const snap = useSyncExternalStore(
		(cb) => src.subscribe(cb),
		() => src.snapshot(),
	);
	if (!agents || !snap) return '';
	const {up, total} = agentsUp(snap.states);
	return paint('dim', 'agents up ') + paint(up < total ? 'bad' : 'ok', `${up}/${total}`);
}

export function App(props: AppProps) {
	const {exit} = useApp();
	const views = props.views ?? consoleViews;
	const operations = useOperations();
	const viewById = (id: string) => viewByIdIn(views, id);
	const viewByCommand = (word: string) => viewByCommandIn(views, word);
	const size = useTerminalSize({width: props.width, height: props.height});
	const [state, dispatch] = useReducer(
		reducer,
		undefined,
		() => initialState({refreshMs: props.refreshMs, readOnly: props.readOnly, view: props.view, ...size}),
	);
	const stateRef = useRef(state);
	stateRef.current = state;
	// dispatch that also advances stateRef at once, so keys of one input chunk see each other's effect
	const act = useCallback((a: Action) => {
		stateRef.current = reducer(stateRef.current, a);
		dispatch(a);
	}, []);
	const pollerRef = useRef<Poller<{snapshot: ClusterSnapshot; offsetsFor: string[] | 'all' | 'none'; scope: RefreshScope | undefined}> | null>(null);

	useEffect(() => {
		dispatch({type: 'resize', width: size.width, height: size.height});
	}, [size.width, size.height]);

	// one poller for the cluster snapshot
	useEffect(() => {
		const poller = new Poller({
			intervalMs: props.refreshMs,
			fetch: async () => {
				// right after an action: only what it changed
				const scope = stateRef.current.refreshScope ?? undefined;
				const {request, offsetsFor} = scope ? scopedRequest(scope) : snapshotRequest(stateRef.current);
				const snapshot = await props.source.snapshot(request);
				return {snapshot, offsetsFor, scope};
			},
			isPaused: () => pollingPause(views, stateRef.current) !== null,
			onStart: () => dispatch({type: 'poll-start'}),
			onResult: ({snapshot, offsetsFor, scope}, retryInMs) => dispatch({type: 'snapshot', snapshot, offsetsFor, scope, retryInMs}),
			onError: (error, attempt, retryInMs) => dispatch({type: 'poll-failed', error: errorText(error), attempt, retryInMs}),
			isDown: ({snapshot}) => snapshot.brokers.length > 0 && snapshot.brokers.every((b) => !b.reachable),
		});
		pollerRef.current = poller;
		poller.start();
		return () => {
			poller.stop();
			pollerRef.current = null;
		};
	}, [props.source, props.refreshMs]);

	// an action ended (or its view closed): poll again at once — the scoped refresh, then the cadence
	const paused = pollingPause(views, state) !== null;
	useEffect(() => {
		if (!paused) pollerRef.current?.refreshNow();
	}, [paused]);

	// changed values stay marked for a moment
	useEffect(() => {
		if (state.marks.size === 0) return;
		const t = setTimeout(() => dispatch({type: 'expire-marks'}), marksMs);
		return () => clearTimeout(t);
	}, [state.marks]);

	// flash lines clear themselves
	useEffect(() => {
		if (!state.flash) return;
		const at = state.flash.at;
		const t = setTimeout(() => dispatch({type: 'clear-flash', at}), flashMs);
		return () => clearTimeout(t);
	}, [state.flash]);

	useEffect(() => {
		props.onFrame?.(state);
	});

	const flash = useCallback((level: 'info' | 'warn' | 'error', text: string) => act({type: 'flash', level, text}), [act]);

	const refreshNow = useCallback(() => {
		const pause = pollingPause(views, stateRef.current);
		if (pause) flash('info', `polling is paused: ${pause}`);
		else if (pollerRef.current?.refreshNow()) flash('info', 'refreshing…');
		else flash('info', 'a refresh is already running');
	}, [flash]);

	const open = useCallback(
		(command: string, arg?: string, push = false): void => {
			const def = viewById(command) ?? viewByCommand(command);
			if (!def) {
				flash('error', `unknown command ':${command}' — try :brokers, :topics, :groups`);
				return;
			}
			if (def.operatorAction && stateRef.current.readOnly) {
				flash('warn', `read-only mode: :${def.command} is not available`);
				return;
			}
			if (def.arg?.required && !arg) {
				if (def.parent && !push) return open(def.parent);
				flash('error', `:${def.command} needs a ${def.arg.kind} name (tab completes)`);
				return;
			}
			const snap = stateRef.current.snapshot;
			if (arg && snap && def.arg?.kind === 'topic' && !snap.topics.some((t) => t.name === arg)) {
				flash('error', `no topic '${arg}'`);
				return;
			}
			if (arg && snap && def.arg?.kind === 'group' && !snap.groups.some((g) => g.groupId === arg)) {
				flash('error', `no group '${arg}'`);
				return;
			}
			if (push) act({type: 'push', view: def.id, arg});
			else if (def.arg) {
				act({type: 'goto', view: def.parent ?? stateRef.current.stack[0]!.view});
				act({type: 'push', view: def.id, arg});
			} else act({type: 'goto', view: def.id});
			// show the new view's detail now rather than at the next tick
			setTimeout(() => pollerRef.current?.refreshNow(), 0);
		},
		[flash, act],
	);

	const quit = useCallback(() => exit(), [exit]);

	const runCommandLine = useCallback(
		(line: string) => {
			const [word, ...rest] = line.trim().split(/\s+/);
			act({type: 'mode', mode: 'normal'});
			if (!word) return;
			if (word === 'q' || word === 'quit' || word === 'q!') return quit();
			if (word === 'help' || word === '?') return act({type: 'mode', mode: 'help'});
			open(word, rest.join(' ') || undefined);
		},
		[open, quit],
	);

	const commands = activeCommands(state.readOnly, keyCommands);
	const agentsStrip = useAgentsStrip(props.agents);

	const handleKey = (input: string, key: KeyInfo, act: (a: Action) => void, get: () => ConsoleState) => {
		const s = get();
		const top = current(s);
		if (s.mode === 'command') {
			if (key.escape) return act({type: 'mode', mode: 'normal'});
			if (key.return) return runCommandLine(s.input);
			if (key.tab) {
				const c = complete(views, s.input, s);
				act({type: 'input', text: c.text});
				if (c.candidates.length > 1) flash('info', c.candidates.slice(0, 12).join('  '));
				return;
			}
			if (key.backspace || key.delete) return act({type: 'input', text: s.input.slice(0, -1)});
			if (input && !key.ctrl && !key.meta) act({type: 'input', text: s.input + input});
			return;
		}
		if (s.mode === 'filter') {
			if (key.escape) {
				act({type: 'filter', text: ''});
				return act({type: 'mode', mode: 'normal'});
			}
			if (key.return) return act({type: 'mode', mode: 'normal'});
			if (key.backspace || key.delete) return act({type: 'filter', text: top.filter.slice(0, -1)});
			if (input && !key.ctrl && !key.meta && !key.tab) act({type: 'filter', text: top.filter + input});
			return;
		}
		if (s.mode === 'help' && (key.escape || input === '?')) return act({type: 'mode', mode: 'normal'});
		if (s.mode === 'help') {
			// the overlay lists every key of `commands`; what does not fit under its title scrolls
			const visible = Math.max(1, s.viewport.height - 5);
			const max = Math.max(0, commands.length - visible);
			const to = helpScroll(input, key, s.helpOffset, visible, max);
			if (to !== null) return act({type: 'help-scroll', offset: to, max});
		}
		if (s.mode === 'normal' && viewById(top.view)?.capturesInput) return;
		const command = findCommand(commands, top.view, input, key);
		if (!command) return;
		const selected = selectedRow(s);
		const reason = command.disabledReason?.(s, selected, operations) ?? null;
		if (reason) return flash('warn', `${command.keys[0]}: ${reason}`);
		const ctx: KeyContext = {
			state: s,
			dispatch: act,
			selected,
			refreshNow,
			quit,
			open,
			operations,
			drill: () => {
				const def = viewById(top.view);
				const target = selected && def?.drill ? def.drill(selected, top) : null;
				if (!target) return;
				const tdef = viewById(target.view);
				if (!tdef) return flash('warn', `the ${target.view} view is not available yet`);
				act({type: 'push', view: target.view, arg: target.arg});
				setTimeout(() => pollerRef.current?.refreshNow(), 0);
			},
		};
		if (command.opens !== undefined) {
			if (selected) open(command.opens, selected.key, true);
			return;
		}
		command.run(ctx);
	};

	useInput((input, key: KeyInfo) => {
		// keys typed quickly (or pasted) can arrive as one chunk: replay them one by one against the
		// state each of them leaves behind
		for (const ev of splitKeys(input, key)) handleKey(ev.input, ev.key, act, () => stateRef.current);
	});

	return <Screen state={state} width={size.width} height={size.height} commands={commands} views={views} dispatch={dispatch} target={props.target} stripExtra={agentsStrip} />;
}

export interface ConsoleOptions {
	source: SnapshotSource;
	/** SNMP agents: "agents up M/N" joins the health strip */
	agents?: AgentSource;
	/** views of other sources (tail, agents): one router entry each */
	views?: readonly ViewDef[];
	/** the operator actions bound to the settings; null in read-only mode */
	operations: Operations | null;
	refreshMs: number;
	readOnly: boolean;
	target?: string;
	/** aborting unmounts the console (a stop signal from outside: the caller then restores the terminal) */
	signal?: AbortSignal;
}

/** Renders the console on the current terminal and resolves when the operator quits. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
	const views = buildViews(options.views ?? []);
	const app = <App source={options.source} agents={options.agents} refreshMs={options.refreshMs} readOnly={options.readOnly} target={options.target} views={views} />;
	const instance = render(<OperationsProvider operations={options.operations}>{app}</OperationsProvider>, {
		exitOnCtrlC: true,
		patchConsole: true,
		maxFps: 30,
	});
	const onAbort = () => instance.unmount();
	if (options.signal?.aborted) onAbort();
	options.signal?.addEventListener('abort', onAbort, {once: true});
	try {
		await instance.waitUntilExit();
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
	}
}
