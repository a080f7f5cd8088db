// Display width in terminal columns, the same as Ink's measure (string-width), and the cut/pad
// helpers tables use: Hangul group ids, CJK topic names and mixed text at exact widths.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {cutToWidth, displayWidth, padToWidth, truncateToWidth} from '../../../source/present/display-width.js';
import {fit} from '../../../source/ui/table.js';
import {renderTable} from '../../../source/present/table.js';

const samples = [
	'orders', '', 'a b', '日本語トピック', '결제-그룹', '주문_처리_컨슈머', 'ｆｕｌｌｗｉｄｔｈ', 'ﾊﾝｶｸ', 'café', 'cafe\u0301',
	'e\u0301\u0302', 'topic-😀', '👍🏽', '👨‍👩‍👧', '🇯🇵', '⏸', '⏸\ufe0f', '▶', '■', '●', '✓', '✗', '1\ufe0f\u20e3', 'Ω≈ç',
	'混合 mixed テキスト', 'zero\u200bwidth', '\u0e01\u0e34', 'אבג', '中文\u3000空格', '𠀋𠀍', '⚠', '⚠\ufe0f', '…', '·', '—',
];

test('displayWidth agrees with string-width (what Ink measures) on every sample', () => {
	for (const s of samples) assert.equal(displayWidth(s), stringWidth(s), JSON.stringify(s));
});

test('wide and zero-width: CJK, Hangul and fullwidth are 2, combining marks 0, emoji 2', () => {
	assert.equal(displayWidth('日本語トピック'), 14);
	assert.equal(displayWidth('결제-그룹'), 9);
	assert.equal(displayWidth('ｆｕｌｌ'), 8);
	assert.equal(displayWidth('cafe\u0301'), 4);
	assert.equal(displayWidth('👨‍👩‍👧'), 2);
	assert.equal(displayWidth('orders'), 6);
});

test('fit cuts and pads to exactly the width in columns', () => {
	assert.equal(fit('日本語トピック', 8), '日本語… ', 'three 2-column characters, the ellipsis, one space: 8 columns');
	assert.equal(displayWidth(fit('日本語トピック', 8)), 8);
	for (const s of samples) {
		for (const w of [1, 2, 3, 5, 8, 13]) {
			assert.equal(displayWidth(fit(s, w)), w, `${JSON.stringify(s)} at ${w}`);
			assert.equal(displayWidth(fit(s, w, 'right')), w, `${JSON.stringify(s)} right at ${w}`);
		}
	}
	assert.equal(fit('결제-그룹', 12, 'right'), '   결제-그룹');
	assert.equal(fit('결제-그룹', 9), '결제-그룹');
	assert.equal(fit('결제-그룹', 8), '결제-그…');
	assert.equal(fit('결제-그룹', 7), '결제-… ', 'a 2-column character that does not fit leaves a space');
});

test('truncateToWidth never splits a cluster; cutToWidth has no ellipsis; padToWidth pads', () => {
	assert.equal(truncateToWidth('cafe\u0301s', 5), 'cafe\u0301s');
	assert.equal(truncateToWidth('cafe\u0301s!', 5), 'cafe\u0301…');
	assert.equal(truncateToWidth('👨‍👩‍👧👨‍👩‍👧', 3), '👨‍👩‍👧…');
	assert.equal(truncateToWidth('abc', 0), '');
	assert.equal(cutToWidth('日本語', 5), '日本');
	assert.equal(padToWidth('混合 mixed', 12), '混合 mixed  ');
});

test('renderTable lines CJK topics and Hangul groups up by columns', () => {
	const text = renderTable(['GROUP', 'TOPIC', 'LAG'], [['결제-그룹', '日本語トピック', '5'], ['billing', 'orders', '12']]);
	const lines = text.trimEnd().split('\n');
	const lagColumn = lines.map((l) => displayWidth(l.slice(0, l.lastIndexOf(' ') + 1)));
	assert.deepEqual(new Set(lagColumn).size, 1, text);
	assert.equal(lines[1], '결제-그룹  日本語トピック  5');
	assert.equal(lines[2], 'billing    orders          12');
});
