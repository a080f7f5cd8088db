// The screenshot converter: ANSI colours, reverse video and escaping end up in the SVG.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ansiToSvg, collapseBottomGap, parseAnsiLine} from '../../helpers/console-svg.js';

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

test('trimBlankRows: the blank rows above the footer become one, trailing blank rows go, the colours of cut rows carry on', () => {
	const screen = ['title', 'row 1', 'row 2', '', '   ', '\x1b[32m', '', 'footer', '', ''].join('\n');
	const svg = ansiToSvg(screen, {cols: 20, rows: 10, trimBlankRows: true});
	// title, row 1, row 2, one blank row, footer: 5 rows of 18 px and 12 px of padding above and below
	assert.match(svg, /^<svg [^>]* height="114" viewBox="0 0 192 114"/);
	assert.match(svg, /<text x="12\.0" y="97" fill="#0dbc79"[^>]*>footer<\/text>/, 'footer on the 5th row, still green');
	assert.deepEqual(collapseBottomGap(['a', '', 'b']), ['a', '', 'b'], 'one blank row stays');
	assert.deepEqual(collapseBottomGap(['', '', '']), [], 'an empty screen');
	const untrimmed = ansiToSvg(screen, {cols: 20, rows: 10});
	assert.match(untrimmed, / height="204" /);
});

test('the font stack names monospace fonts first and a generic monospace last; the bars ▁…█ are boxes of their cell', () => {
	const svg = ansiToSvg('\x1b[36mcpu ▁▄█\x1b[0m', {cols: 8, rows: 1});
	const family = /font-family="([^"]+)"/.exec(svg)![1]!;
	const fonts = family.split(',').map((f) => f.replace(/'/g, ''));
	assert.deepEqual(fonts.slice(0, 3), ['DejaVu Sans Mono', 'Menlo', 'Cascadia Mono']);
	assert.equal(fonts.at(-1), 'monospace');
	// cells 4, 5, 6 of the row at y 12..30: 1/8, 4/8 and 8/8 of its 18 px, from the bottom, in the run's colour
	assert.match(svg, /<rect x="45\.6" y="27\.75" width="8\.4" height="2\.25" fill="#11a8cd" shape-rendering="crispEdges"\/>/);
	assert.match(svg, /<rect x="54\.0" y="21\.00" width="8\.4" height="9\.00" fill="#11a8cd" shape-rendering="crispEdges"\/>/);
	assert.match(svg, /<rect x="62\.4" y="12\.00" width="8\.4" height="18\.00" fill="#11a8cd" shape-rendering="crispEdges"\/>/);
	// the text keeps its cells: the bars' cells are spaces, the run still 7 cells wide
	assert.match(svg, /textLength="58\.8" lengthAdjust="spacingAndGlyphs" xml:space="preserve">cpu    <\/text>/);
	assert.doesNotMatch(svg, /[▁▄█]/);
});
