import {test} from 'node:test';
import assert from 'node:assert/strict';
import {toJson} from '../../../source/present/json.js';

test('bigints are exact JSON numbers, beyond 2^53 too', () => {
	const text = toJson({a: 9007199254740993n, b: [1n, null], c: 'x', d: undefined}, 0);
	assert.equal(text, '{"a":9007199254740993,"b":[1,null],"c":"x"}');
	assert.deepEqual(JSON.parse(toJson({n: 42n, s: 'q"'})), {n: 42, s: 'q"'});
});
