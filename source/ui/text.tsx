// The console's only texts: Ink's <Text>, and OneLine below, with every string child passed
// through escapeStyled — kcon's theme colours stay, every other control character or escape
// sequence is shown as `\e…`. Text from the cluster is escaped earlier where it is measured (fit,
// clip, the theme); this is the guard for a string that reaches the screen any other way.
import React from 'react';
import {Text as InkText, type TextProps} from 'ink';
import {escapeStyled} from '../terminal-safe.js';

function safe(node: React.ReactNode): React.ReactNode {
	if (typeof node === 'string') return escapeStyled(node);
	if (Array.isArray(node)) return node.map(safe);
	return node;
}

export function Text({children, ...props}: TextProps) {
	return <InkText {...props}>{safe(children)}</InkText>;
}

/**
 * One line of the frame, as wide as its parent: what the console draws for every table row, strip,
 * footer, tail message and agent line. Ink measures a text's size through a cache of every text it
 * ever measured, kept for the life of the process: drawn through <Text>, each distinct line (a new
 * offset, lag value, sparkline or message) stayed in memory, about 240 bytes each, for as long as
 * the console was open; a tail view of a busy topic draws dozens of new lines a frame. Yoga asks for
 * no measurement of a text whose width and height are both set, so this line sets them (the full
 * width of its parent, one row), and is otherwise the element <Text> renders, escaped the same. A line
 * break inside would draw over the next row: it is shown as a space. Callers fit their lines to the
 * width: a wider one is cut by Ink, through a cache of its own.
 */
export function OneLine({children, wrap = 'truncate'}: {children: string; wrap?: 'truncate' | 'truncate-end'}) {
	const text = escapeStyled(children);
	return React.createElement(
		'ink-text',
		{style: {flexGrow: 0, flexShrink: 0, flexDirection: 'row', width: '100%', height: 1, textWrap: wrap}},
		text.includes('\n') ? text.replaceAll('\n', ' ') : text,
	);
}
