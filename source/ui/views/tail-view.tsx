// The console's live tail: a bounded list of messages (newest at the bottom, followed until the
// cursor moves up), the rate in the title, `p` pause/resume, `/` filter (the console's filter line),
// `enter` one message whole (key, headers, pretty value), `esc` back. Lab records show decoded.
//
// For the console (router): both views join its view list with buildViews(tailViewDefs(source)),
// where `source` is a TailSource (commands/console.ts: `consoleTailSource(settings)` from kafka/tail.ts).
// TailList / TailMessage are plain components (a session + width/height) usable on their own.
import React, {useEffect, useState, useSyncExternalStore} from 'react';
import {Box, useInput} from 'ink';
import {OneLine, Text} from '../text.js';
import type {TailRecord} from '../../domain/tail.js';
import {formatTime, keyText, messageDetailLines, valueText} from '../../present/message-text.js';
import {paint, inverse} from '../theme.js';
import {clip} from '../table.js';
import type {ViewDef, ViewProps} from './registry.js';
import {acquireTailSession, tailTitle, type TailSession, type TailSource} from './tail-session.js';

export type {TailSource} from './tail-session.js';
export {TailSession, acquireTailSession, tailTitle, DEFAULT_TAIL_BUFFER} from './tail-session.js';

function useSession(session: TailSession) {
	return useSyncExternalStore(
		(cb) => session.subscribe(cb),
		() => session.snapshot(),
	);
}

/** The text of one list line (no colour): time, partition@offset, key, value. */
export function tailLineText(r: TailRecord): string {
	return `${formatTime(r.timestamp).slice(11, 23)} p${r.partition}@${r.offset} ${keyText(r.key)} ${valueText(r.value)}`;
}

export interface TailListProps {
	session: TailSession;
	width: number;
	height: number;
	/** receives keys (false while the console's command or filter line is open) */
	active: boolean;
	/** case-insensitive text filter over the rendered line */
	filter?: string;
	/** `enter` on a message */
	onOpen?: (record: TailRecord) => void;
}

// where the cursor was, per session, so returning from a message keeps the place
const cursors = new WeakMap<TailSession, {index: number; follow: boolean}>();

export function TailList({session, width, height, active, filter = '', onOpen}: TailListProps) {
	const snap = useSession(session);
	const [cursor, setCursor] = useState(() => cursors.get(session) ?? {index: 0, follow: true});
	useEffect(() => {
		cursors.set(session, cursor);
	}, [session, cursor]);
	const needle = filter.toLowerCase();
	const lines = snap.records.map((r) => ({r, text: tailLineText(r)}));
	const shown = needle ? lines.filter((l) => l.text.toLowerCase().includes(needle)) : lines;
	const listHeight = Math.max(1, height - 1);
	const last = shown.length - 1;
	const index = cursor.follow ? last : Math.min(cursor.index, last);

	useInput(
		(input, key) => {
			const move = (to: number) => {
				const i = Math.max(0, Math.min(last, to));
				setCursor({index: i, follow: i >= last});
			};
			if (input === 'p') session.togglePause();
			else if (key.return) {
				const line = shown[index];
				if (line) onOpen?.(line.r);
			} else if (input === 'j' || key.downArrow) move(index + 1);
			else if (input === 'k' || key.upArrow) move(index - 1);
			else if (key.pageDown) move(index + listHeight);
			else if (key.pageUp) move(index - listHeight);
			else if (input === 'g' || key.home) move(0);
			else if (input === 'G' || key.end) setCursor({index: last, follow: true});
		},
		{isActive: active},
	);

	const first = Math.max(0, Math.min(index - listHeight + 1, shown.length - listHeight));
	const visible = shown.slice(Math.max(0, first), Math.max(0, first) + listHeight);
	const state = snap.error
		? paint('bad', `error: ${snap.error}`)
		: snap.paused
			? paint('warn', 'PAUSED (p resumes)')
			: snap.ended
				? paint('dim', 'ended')
				: paint('ok', 'live');
	const header =
		` ${snap.topic}  ${snap.rate.toFixed(1)} msg/s  ${snap.total} received  ` +
		`${needle ? `${shown.length} match /${filter}/  ` : ''}${snap.records.length}/${snap.bufferSize} buffered  `;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">{clip(header, width - 20) + state}</Text>
			{visible.length === 0 ? (
				<Text>{paint('dim', snap.records.length === 0 ? ' waiting for messages…' : ' no message matches the filter')}</Text>
			) : (
				visible.map((l, i) => {
					const selected = Math.max(0, first) + i === index;
					const text = clip(' ' + l.text, width);
					return (
						<OneLine key={`${l.r.partition}@${l.r.offset}`}>{selected ? inverse(text) : text}</OneLine>
					);
				})
			)}
		</Box>
	);
}

export interface TailMessageProps {
	record: TailRecord | null;
	width: number;
	height: number;
	active: boolean;
}

/** One message whole; j/k scroll. */
export function TailMessage({record, width, height, active}: TailMessageProps) {
	const [top, setTop] = useState(0);
	const lines = record ? messageDetailLines(record) : ['the message is no longer in the buffer'];
	const max = Math.max(0, lines.length - height);
	useInput(
		(input, key) => {
			if (input === 'j' || key.downArrow) setTop((t) => Math.min(max, t + 1));
			else if (input === 'k' || key.upArrow) setTop((t) => Math.max(0, t - 1));
			else if (key.pageDown) setTop((t) => Math.min(max, t + height));
			else if (key.pageUp) setTop((t) => Math.max(0, t - height));
		},
		{isActive: active},
	);
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.slice(top, top + height).map((l, i) => (
				<Text key={i} wrap="truncate">
					{clip(' ' + l, width)}
				</Text>
			))}
		</Box>
	);
}

// ---- adapters for the console's router ----

const opened = new Map<string, TailRecord>();

function messageArg(r: TailRecord): string {
	return `${r.topic}/${r.partition}@${r.offset}`;
}

/** The `tail` view (`:tail TOPIC`, `t` on a topic) and the `tail-message` view it opens with enter. */
export function tailViewDefs(source: TailSource, bufferSize?: number): ViewDef[] {
	function TailListView({entry, width, height, dispatch, active}: ViewProps) {
		const topic = entry.arg ?? '';
		const [held, setHeld] = useState<ReturnType<typeof acquireTailSession> | null>(null);
		useEffect(() => {
			const h = acquireTailSession(topic, source, bufferSize);
			setHeld(h);
			return h.release;
		}, [topic]);
		if (!held) return null;
		return (
			<TailList
				session={held.session}
				width={width}
				height={height}
				active={active}
				filter={entry.filter}
				onOpen={(r) => {
					const arg = messageArg(r);
					opened.set(arg, r);
					dispatch({type: 'push', view: 'tail-message', arg});
				}}
			/>
		);
	}
	function TailMessageView({entry, width, height, active}: ViewProps) {
		const arg = entry.arg ?? '';
		const topic = arg.slice(0, arg.lastIndexOf('/'));
		useEffect(() => acquireTailSession(topic, source, bufferSize).release, [topic]);
		useEffect(() => () => void opened.delete(arg), [arg]);
		return <TailMessage record={opened.get(arg) ?? null} width={width} height={height} active={active} />;
	}
	return [
		{
			id: 'tail',
			command: 'tail',
			arg: {kind: 'topic', required: true},
			parent: 'topics',
			title: (e) => tailTitle(e.arg ?? ''),
			component: TailListView,
		},
		{
			id: 'tail-message',
			command: 'tail-message',
			title: (e) => `Message ${e.arg ?? ''}`,
			component: TailMessageView,
		},
	];
}
