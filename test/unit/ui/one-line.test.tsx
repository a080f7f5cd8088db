// OneLine (ui/text.tsx), the line every console view draws: the same frame as Ink's <Text> gives a
// fitted line (one-line-memory.test.ts: and it does not keep what it drew).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {Box, Text as InkText} from 'ink';
import {render} from 'ink-testing-library';
import {Chalk} from 'chalk';
import {OneLine} from '../../../source/ui/text.js';

const chalk = new Chalk({level: 3});

test('OneLine draws a fitted line, styled or plain, as Ink’s Text does', () => {
	const lines = ['plain text', chalk.green('green') + ' and ' + chalk.inverse.bold('reverse'), ' ', 'x'.repeat(40), 'ü wide 日本 ok'];
	const ours = render(
		<Box flexDirection="column" width={40} height={6}>
			{lines.map((l, i) => (
				<OneLine key={i}>{l}</OneLine>
			))}
		</Box>,
	);
	const inks = render(
		<Box flexDirection="column" width={40} height={6}>
			{lines.map((l, i) => (
				<InkText key={i} wrap="truncate">
					{l}
				</InkText>
			))}
		</Box>,
	);
	assert.equal(ours.lastFrame(), inks.lastFrame());
	assert.match(ours.lastFrame() ?? '', /plain text/);
	ours.unmount();
	inks.unmount();
});

test('OneLine keeps its row: a line break inside shows as a space, a line too wide is cut by Ink', () => {
	const {lastFrame, unmount} = render(
		<Box flexDirection="column" width={20} height={3}>
			<OneLine>{'first\nsecond'}</OneLine>
			<OneLine>{'x'.repeat(30)}</OneLine>
			<OneLine>third</OneLine>
		</Box>,
	);
	const rows = (lastFrame() ?? '').split('\n');
	assert.equal(rows[0]!.trimEnd(), 'first second');
	assert.equal(rows[1], 'x'.repeat(19) + '…');
	assert.equal(rows[2]!.trimEnd(), 'third');
	unmount();
});
