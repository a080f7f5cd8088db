// The screenshot converter: ANSI colours, reverse video and escaping end up in the SVG.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ansiToSvg, parseAnsiLine} from '../../helpers/console-svg.js';

test('SGR runs: colours, reverse video, reset; columns counted without escapes', () => {
	const base = {fg: null, bg: null, bold: false, dim: false, inverse: false};
	const {runs} = parseAnsiLine('ab \x1b[32m3\x1b[39m \x1b[31m5!\x1b[0m <x>', base);
	assert.deepEqual(runs.map((r) => [r.col, r.text, r.style.fg]), [
		[0, 'ab ', null],
		[3, '3', '#0dbc79'],
		[4, ' ', null],
		[5, '5!', '#cd3131'],
		[7, ' <x>', null],
	]);
	const svg = ansiToSvg('\x1b[7mSEL\x1b[27m & <b>\n\x1b[38;5;196mred\x1b[0m', {cols: 20, rows: 2, title: 't'});
	assert.match(svg, /<rect x="12\.0" y="12" width="25\.2" height="18" fill="#d4d4d4"\/>/, 'reverse video: light background');
	assert.match(svg, /fill="#1e1e1e"[^>]*>SEL<\/text>/);
	assert.match(svg, /> &amp; &lt;b&gt;<\/text>/);
	assert.match(svg, /fill="rgb\(255,0,0\)"[^>]*>red</);
});
