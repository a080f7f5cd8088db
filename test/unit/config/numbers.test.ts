// Numbers typed on the command line: digits only, each kind in the range its wire type or timer can
// carry, and a refusal that names the flag, the range and what was typed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {UsageError} from '../../../source/errors.js';
import {
	bigWholeNumber,
	brokerId,
	decimalNumber,
	ID_RANGE,
	INT64_MAX,
	OFFSET_RANGE,
	partitionNumber,
	seconds,
	wholeNumber,
} from '../../../source/domain/numbers.js';

test('wholeNumber: digits only, both ends of the range included', () => {
	assert.equal(wholeNumber('0', '--limit', {min: 0, max: 10}), 0);
	assert.equal(wholeNumber('10', '--limit', {min: 0, max: 10}), 10);
	assert.equal(wholeNumber('007', '--limit', {min: 0, max: 10}), 7);
	for (const text of ['', ' 1', '1 ', '-1', '+1', '1e1', '0x1', '1.0', '1_0', 'NaN', 'Infinity', '11']) {
		assert.throws(() => wholeNumber(text, '--limit', {min: 0, max: 10}), UsageError, `'${text}' must be refused`);
	}
});

test('the refusal names the flag, the range and the text, and is a usage error (exit 2)', () => {
	assert.throws(
		() => wholeNumber('2147483648', '--partition', ID_RANGE),
		(error: unknown) =>
			error instanceof UsageError &&
			error.exitCode === 2 &&
			error.message === "--partition must be a whole number from 0 to 2147483647, not '2147483648'",
	);
});

test('int32 ids and partitions: 2^31-1 is the largest', () => {
	assert.equal(brokerId('2147483647'), 2147483647);
	assert.throws(() => brokerId('2147483648'), /broker id must be a whole number from 0 to 2147483647/);
	assert.throws(() => brokerId(undefined), {name: 'UsageError', message: 'missing broker id'});
	assert.throws(() => brokerId(undefined, 'target broker'), /missing target broker/);
	assert.equal(partitionNumber('3'), 3);
	assert.throws(() => partitionNumber('-1'), /--partition must be a whole number/);
});

test('bigWholeNumber: exact beyond 2^53, int64 max accepted, one more refused', () => {
	assert.equal(bigWholeNumber('9007199254740993', '--offset', OFFSET_RANGE), 9007199254740993n);
	assert.equal(bigWholeNumber(String(INT64_MAX), '--offset', OFFSET_RANGE), INT64_MAX);
	assert.throws(() => bigWholeNumber(String(INT64_MAX + 1n), '--offset', OFFSET_RANGE), /--offset must be a whole number from 0 to 9223372036854775807/);
	assert.throws(() => bigWholeNumber('-5', '--offset', OFFSET_RANGE), UsageError);
	assert.throws(() => bigWholeNumber('5n', '--offset', OFFSET_RANGE), UsageError);
});

test('decimalNumber and seconds: plain decimals only, timers capped at an hour', () => {
	assert.equal(decimalNumber('0.5', '--rate', {min: 0, max: 1}), 0.5);
	for (const text of ['.5', '5.', '1e3', '-0.5', 'Infinity', 'NaN', '0x10']) {
		assert.throws(() => decimalNumber(text, '--rate', {min: 0, max: 10000}), UsageError, `'${text}' must be refused`);
	}
	assert.equal(seconds('3600', '--timeout', 0.1), 3600);
	assert.throws(() => seconds('3600.5', '--timeout', 0.1), /--timeout must be a number of seconds from 0.1 to 3600, not '3600.5'/);
	assert.throws(() => seconds('0.05', '--refresh', 0.1), /--refresh must be a number of seconds from 0.1 to 3600/);
	// 2^31 ms would make setTimeout fire at once; no accepted value comes near it
	assert.throws(() => seconds('2147484', '--interval', 1, 3600), UsageError);
});
