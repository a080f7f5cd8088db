// The whole frame as a pure function of (state, width, height): title bar, health strip, banner,
// the current view (a virtualised table or a custom view), and the footer (key hints, command bar,
// filter input or a flash line). Exactly `height` lines, each at most `width` columns.
import React from 'react';
import {Box} from 'ink';
import {OneLine} from './text.js';
import {healthCounts} from '../domain/health.js';
import type {Row} from '../present/cells.js';
import {healthSegments} from '../present/health-strip.js';
import {finalizedMetadataVersion} from '../domain/quorum.js';
import {connectionCause} from '../present/connection-cause.js';
import {viewTable} from '../present/view-table.js';
import {current, listHeight, type Action, type ConsoleState} from '../state/reducer.js';
import {resolveCursor, windowFor} from '../state/select.js';
import {activeCommands, footerHints, helpLines, type KeyCommand} from './keys.js';
import {fit, tableLines} from './table.js';
import {bold, heading, inverse, paint, paintSegments} from './theme.js';
import {pollingPause, viewById, type Views} from './views/registry.js';
import {consoleViews, keyCommands} from './console-tables.js';
import {useOperations} from './operations.js';
import {displayWidth} from '../present/display-width.js';
import {GLYPHS} from '../present/glyphs.js';
// Ink's frame output, kept row by row across frames (every render of a Screen goes through it)
import './ink-row-cache.js';

export interface ScreenProps {
	state: ConsoleState;
	width: number;
	height: number;
	commands?: readonly KeyCommand[];
	/** the console's views (buildViews); default: the built-in ones */
	views?: Views;
	dispatch?: (action: Action) => void;
	/** a label for where we are connected (bootstrap or context) */
	target?: string;
	/** more of the health strip from other sources (e.g. "agents up 2/2") */
	stripExtra?: string;
}

const noop = () => {};

// Trailing unstyled spaces are dropped before Ink sees the line: Ink blanks every cell of a frame
// and trims each row's end itself, so they never show, yet its output step splits every character
// it is handed into graphemes and styled cells on each frame (most of a frame's CPU). Width-exact
// rows are padded to the terminal's width, so this is up to half of a table frame's characters.
// Spaces inside a style (the cursor row's reverse video) end before an escape code and stay.
function Line({children}: {children: string}) {
	return <OneLine wrap="truncate-end">{children.trimEnd() || ' '}</OneLine>;
}

// The health strip is a function of the snapshot, the lag history and the missing brokers, which
// change once per poll; a keypress re-renders the frame with the same three, so the counts (a pass
// over every partition and group) are kept for the last three seen.
let stripFor: {snapshot: ConsoleState['snapshot']; lag: ConsoleState['lag']; missing: ConsoleState['missing']; strip: string} | null = null;
function healthStrip(state: ConsoleState): string {
	if (!state.snapshot) return paint('dim', 'brokers up ?/?');
	if (stripFor && stripFor.snapshot === state.snapshot && stripFor.lag === state.lag && stripFor.missing === state.missing) return stripFor.strip;
	const strip = paintSegments(healthSegments(healthCounts(state.snapshot, state.lag, state.missing)));
	stripFor = {snapshot: state.snapshot, lag: state.lag, missing: state.missing, strip};
	return strip;
}

export function selectedRow(state: ConsoleState): Row | null {
	const top = current(state);
	const vt = viewTable(state, top);
	if (!vt || vt.rows.length === 0) return null;
	return vt.rows[resolveCursor(top, vt.rows)] ?? null;
}

function clock(ms: number): string {
	return new Date(ms).toISOString().slice(11, 19);
}

function titleBar(views: Views, state: ConsoleState, width: number, target: string | undefined): string {
	const snap = state.snapshot;
	const mv = finalizedMetadataVersion(snap?.features);
	const left = ` kcon ${target ? `· ${target} ` : ''}${snap?.clusterId ? `· cluster ${snap.clusterId} ` : ''}${mv ? `· metadata.version ${mv} ` : ''}`;
	const ro = state.readOnly ? ' READ-ONLY ' : '';
	const pause = pollingPause(views, state);
	const cadence = pause ? `${GLYPHS.paused} polling paused: ${pause}` : `${state.polling ? GLYPHS.polling : ' '} ${pollEvery(state)}`;
	const right = `${cadence}${snap ? ` · ${clock(snap.takenAt)} UTC` : ''} `;
	const room = Math.max(0, width - displayWidth(left) - displayWidth(ro) - displayWidth(right));
	return heading(left) + (ro ? paint('bad', ro) : '') + ' '.repeat(room) + paint('dim', right);
}

/**
 * How often the console polls now: the refresh interval, or — while the cluster is unreachable and
 * the poller backs off — the longer wait it really keeps, so the title never promises a refresh
 * every 2s while the next one is 30s away.
 */
export function pollEvery(state: ConsoleState): string {
	const c = state.connection;
	const backingOff = c.status !== 'up' && c.retryInMs !== undefined && c.retryInMs > state.refreshMs;
	return backingOff ? `every ${c.retryInMs! / 1000}s (backoff)` : `every ${state.refreshMs / 1000}s`;
}

function banner(views: Views, state: ConsoleState): string {
	const c = state.connection;
	if (c.status === 'down') {
		const retry = c.retryInMs ? `, next try in ${Math.ceil(c.retryInMs / 1000)}s` : '';
		// the cause first: at 80 columns the rest of the line is cut
		return paint('bad', `${connectionCause(c.error ?? 'no broker reachable')} — disconnected, retrying (${c.attempt})${retry}`);
	}
	if (c.status === 'connecting') {
		return paint('warn', c.error ? `${connectionCause(c.error)} — connecting, retrying (${c.attempt})` : 'connecting…');
	}
	const w = state.snapshot?.warnings ?? [];
	if (w.length > 0) return paint('warn', `${GLYPHS.warning} ${w[0]}${w.length > 1 ? ` (+${w.length - 1} more)` : ''}`);
	return paint('dim', state.stack.map((e) => viewById(views, e.view)?.title(e) ?? e.view).join(' › '));
}

function footer(state: ConsoleState, commands: readonly KeyCommand[], width: number): string {
	const top = current(state);
	if (state.mode === 'command') return bold(':') + state.input + inverse(' ');
	if (state.mode === 'filter') return bold('/') + top.filter + inverse(' ') + paint('dim', '  enter keep · esc clear');
	if (state.flash) {
		const tone = state.flash.level === 'error' ? 'bad' : state.flash.level === 'warn' ? 'warn' : 'accent';
		return paint(tone, state.flash.text);
	}
	// `? help` and `q quit` stay at any width: the rest of the keys are one `?` away
	const hints = footerHints(commands, top.view);
	const pinned = hints.filter((h) => h.id === 'help' || h.id === 'quit');
	const pieceWidth = (h: {keys: string; label: string}) => displayWidth(`<${h.keys}> ${h.label}  `);
	let room = width - pinned.reduce((n, h) => n + pieceWidth(h), 0);
	const shown = new Set(pinned);
	for (const h of hints) {
		if (shown.has(h)) continue;
		if (pieceWidth(h) > room) break;
		shown.add(h);
		room -= pieceWidth(h);
	}
	return hints
		.filter((h) => shown.has(h))
		.map((h) => paint('accent', `<${h.keys}>`) + ` ${h.label}  `)
		.join('');
}

function HelpOverlay({state, commands, width, height}: {state: ConsoleState; commands: readonly KeyCommand[]; width: number; height: number}) {
	const top = current(state);
	const lines = helpLines(commands, state, top.view, selectedRow(state), useOperations());
	const keyWidth = Math.min(20, Math.max(...lines.map((l) => displayWidth(l.keys))) + 2);
	const rows = lines.map((l) => {
		const text = fit(l.keys, keyWidth) + fit(l.description + (l.disabled ? ` (${l.disabled})` : ''), Math.max(1, width - keyWidth));
		return l.here && !l.disabled ? text : paint('dim', text);
	});
	// the overlay scrolls (j/k, g/G, PgUp/PgDn) when the keys do not fit under the title
	const visible = Math.max(1, height - 1);
	const offset = Math.min(state.helpOffset, Math.max(0, rows.length - visible));
	const more = rows.length > visible ? `  ${offset + 1}-${Math.min(rows.length, offset + visible)} of ${rows.length}, j/k scroll` : '';
	const title = `Keys${state.readOnly ? ' (read-only: dangerous commands removed)' : ''} — ? or esc closes${more}`;
	const shown = [bold(fit(title, width)), ...rows.slice(offset, offset + visible)];
	while (shown.length < height) shown.push('');
	return (
		<Box flexDirection="column">
			{shown.map((l, i) => (
				<Line key={i}>{l}</Line>
			))}
		</Box>
	);
}

function TableBody({views, state, width, height}: {views: Views; state: ConsoleState; width: number; height: number}) {
	const top = current(state);
	const def = viewById(views, top.view);
	const vt = viewTable(state, top);
	const title = def?.title(top) ?? top.view;
	if (!state.snapshot) {
		const lines = [bold(` ${title} `), '', paint('dim', state.connection.status === 'connecting' ? ' waiting for the first snapshot…' : ' no data yet')];
		if (state.connection.error) {
			lines.push(
				paint('dim', ' no broker answered: check the address (-b host:port, --bootstrap-server),'),
				paint('dim', ' the context (--context NAME; kcon config get-contexts) or --lab'),
			);
		}
		while (lines.length < height + 2) lines.push('');
		return (
			<Box flexDirection="column">
				{lines.map((l, i) => (
					<Line key={i}>{l}</Line>
				))}
			</Box>
		);
	}
	if (!vt) {
		const what = def?.arg?.kind ?? 'item';
		const lines = [bold(` ${title} `), '', paint('bad', ` no ${what} '${top.arg ?? ''}' in this cluster (any more)`), paint('dim', ' esc goes back')];
		while (lines.length < height + 2) lines.push('');
		return (
			<Box flexDirection="column">
				{lines.map((l, i) => (
					<Line key={i}>{l}</Line>
				))}
			</Box>
		);
	}
	const cursor = resolveCursor(top, vt.rows);
	const offset = windowFor(cursor, top.offset, vt.rows.length, height);
	const {header, lines} = tableLines(vt.table.columns, vt.rows, {width, height, offset, cursor, sort: top.sort, reverse: Boolean(top.reverse)});
	const count = top.filter ? `${vt.rows.length}/${vt.total}` : `${vt.total}`;
	const filter = top.filter ? paint('accent', `  /${top.filter}${vt.literal ? ' (literal)' : ''}`) : '';
	const pos = vt.rows.length > height ? paint('dim', `  ${offset + 1}-${Math.min(vt.rows.length, offset + height)} of ${vt.rows.length}`) : '';
	const legend = top.view === 'partitions' ? paint('dim', '  replicas: ') + paint('ok', 'n') + paint('dim', ' in ISR  ') + paint('warn', 'n*') + paint('dim', ' out of sync  ') + paint('bad', 'n!') + paint('dim', ' offline') : '';
	const out = [bold(` ${title} ${count} `) + filter + pos + legend, header, ...lines];
	while (out.length < height + 2) out.push('');
	return (
		<Box flexDirection="column">
			{out.map((l, i) => (
				<Line key={i}>{l}</Line>
			))}
		</Box>
	);
}

export function Screen({state, width, height, commands, views = consoleViews, dispatch, target, stripExtra}: ScreenProps) {
	const cmds = commands ?? activeCommands(state.readOnly, keyCommands);
	const top = current(state);
	const def = viewById(views, top.view);
	const bodyHeight = Math.max(1, height - 4);
	const rows = listHeight({viewport: {width, height}});
	const strip = healthStrip(state);
	let body: React.ReactNode;
	if (state.mode === 'help') body = <HelpOverlay state={state} commands={cmds} width={width} height={bodyHeight} />;
	else if (def?.component) {
		const Custom = def.component;
		body = (
			<Box height={bodyHeight} flexDirection="column" overflow="hidden">
				<Custom state={state} entry={top} width={width} height={bodyHeight} dispatch={dispatch ?? noop} active={state.mode === 'normal'} />
			</Box>
		);
	} else body = <TableBody views={views} state={state} width={width} height={rows} />;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line>{titleBar(views, state, width, target)}</Line>
			<Line>{' ' + strip + (stripExtra ? stripExtra : '')}</Line>
			<Line>{' ' + banner(views, state)}</Line>
			{body}
			<Line>{' ' + footer(state, cmds, width - 1)}</Line>
		</Box>
	);
}
