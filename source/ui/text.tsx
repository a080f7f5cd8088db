// The console's only <Text>: Ink's, with every string child passed through escapeStyled — kcon's
// theme colours stay, every other control character or escape sequence is shown as `\e…`. Text
// from the cluster is escaped earlier where it is measured (fit, clip, the theme); this is the
// guard for a string that reaches the screen any other way.
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
