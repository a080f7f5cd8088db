import {test} from 'node:test';
import assert from 'node:assert/strict';
import {barChart, fitToWidth, seriesStats, sparkline, SPARK_GLYPHS} from '../../../source/domain/sparkline.js';

test('sparkline is always exactly width cells, right-aligned while history is short', () => {
	assert.equal(sparkline([1, 5, 3, 8], 6), '  ▂▅▄█'); // 1/8 of the 0..8 scale
	assert.equal(sparkline([1, 5, 3, 8], 6).length, 6);
	assert.equal(sparkline([], 5), '     ');
	assert.equal(sparkline([1, 2], 0), '');
});

test('zero-based scale by default: lowest of 0..8 is the bottom glyph, highest the top', () => {
	const line = sparkline([0, 2, 4, 6, 8], 5);
	assert.equal(line[0], SPARK_GLYPHS[0]);
	assert.equal(line[4], SPARK_GLYPHS[7]);
	// a steady non-zero rate is a steady full bar, not noise blown up
	assert.equal(sparkline([1000, 1001, 1000, 1001], 4), '████');
});

test('fixed scale for percentages', () => {
	assert.equal(sparkline([0, 50, 100], 3, {min: 0, max: 100}), '▁▅█');
	assert.equal(sparkline([10, 10], 2, {min: 0, max: 100}), '▂▂');
});

test('more values than cells: buckets average slices so the whole window shows', () => {
	const values = [...Array(300).fill(0), ...Array(300).fill(100)];
	assert.deepEqual(fitToWidth(values, 4), [0, 0, 100, 100]);
	assert.equal(sparkline(values, 4), '▁▁██');
	// tail keeps only the latest values
	assert.equal(sparkline(values, 4, {fit: 'tail'}), '████');
	assert.equal(fitToWidth([1, 2, 3, 4, 5, 6], 3).join(','), '1.5,3.5,5.5');
});

test('missing samples draw as blanks; flat series draw mid or bottom', () => {
	assert.equal(sparkline([4, null, 8], 3), '▅ █');
	assert.equal(sparkline([NaN, 8], 2), ' █');
	assert.equal(sparkline([3, 3, 3], 3), '███');
	assert.equal(sparkline([0, 0], 2), '▁▁');
});

test('seriesStats gives current/min/max over present values', () => {
	assert.deepEqual(seriesStats([3, null, 9, 1, NaN]), {current: 1, min: 1, max: 9});
	assert.deepEqual(seriesStats([]), {current: null, min: null, max: null});
});

test('barChart: height lines of width cells, eighth-block precision, top line first', () => {
	const lines = barChart([0, 50, 100], 3, 2, {min: 0, max: 100});
	// 0 still shows as the lowest eighth (present, not missing); 50 fills the bottom row
	assert.deepEqual(lines, ['  █', '▁██']);
	const tall = barChart([100, 25], 2, 4, {min: 0, max: 100});
	assert.deepEqual(tall, ['█ ', '█ ', '█ ', '██']);
	assert.deepEqual(barChart([], 3, 2), ['   ', '   ']);
	assert.deepEqual(barChart([10], 3, 1, {min: 0, max: 80}), ['  ▁']);
});
