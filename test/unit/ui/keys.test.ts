// The one key table: the readme's key list is its rendering; read-only drops dangerous keys;
// every key of the table reaches the footer or the help overlay; no two commands share a key.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {consoleViews as views, keyCommands} from '../../../source/ui/console-tables.js';
import {activeCommands, appliesTo, findCommand, keyTableMarkdown, type KeyCommand} from '../../../source/ui/keys.js';
import {splitKeys} from '../../../source/ui/app.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

test("readme's key table equals the key table's rendering", () => {
	const readme = fs.readFileSync(path.join(root, 'readme.md'), 'utf8');
	const m = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme);
	assert.ok(m, 'readme has the keys markers');
	assert.equal(m[1]!.trim(), keyTableMarkdown(keyCommands).trim(), 'regenerate with keyTableMarkdown() from source/ui/keys.ts');
});

test('--read-only drops every dangerous command, keeps the rest', () => {
	const danger: KeyCommand = {id: 'x-kill', keys: ['K'], description: 'kill', views: ['brokers'], dangerous: true, match: (i) => i === 'K', run: () => {}};
	const table = [...keyCommands, danger];
	assert.ok(findCommand(activeCommands(false, table), 'brokers', 'K', {}));
	assert.equal(findCommand(activeCommands(true, table), 'brokers', 'K', {}), undefined);
	assert.equal(activeCommands(true, table).length, table.filter((c) => !c.dangerous).length);
	// the console's own dangerous keys: K (kill) and S (start) on brokers
	const readOnly = activeCommands(true, keyCommands).map((c) => c.id);
	assert.ok(activeCommands(false, keyCommands).some((c) => c.id === 'kill-broker'));
	assert.ok(!readOnly.includes('kill-broker') && !readOnly.includes('start-broker'));
	assert.equal(findCommand(activeCommands(true, keyCommands), 'brokers', 'S', {}), undefined);
});

test('no two commands answer the same key in the same view', () => {
	const probes: [string, Record<string, boolean>][] = [
		...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:/?'.split('').map((c): [string, Record<string, boolean>] => [c, {}]),
		['', {return: true}], ['', {escape: true}], ['', {upArrow: true}], ['', {downArrow: true}], ['', {pageUp: true}], ['', {pageDown: true}],
		['r', {ctrl: true}], ['c', {ctrl: true}], ['f', {ctrl: true}], ['b', {ctrl: true}],
	];
	for (const v of views) {
		for (const [input, key] of probes) {
			const hits = keyCommands.filter((c) => appliesTo(c, v.id) && c.match(input, key));
			assert.ok(hits.length <= 1, `${v.id}: '${input}' ${JSON.stringify(key)} -> ${hits.map((h) => h.id).join(', ')}`);
		}
	}
});

test('a chunk of fast-typed keys is split into key events', () => {
	assert.deepEqual(splitKeys(':topics\r', {}).map((e) => e.input || Object.keys(e.key).join()), [':', 't', 'o', 'p', 'i', 'c', 's', 'return']);
	assert.deepEqual(splitKeys('j', {}), [{input: 'j', key: {}}]);
	assert.deepEqual(splitKeys('', {upArrow: true}), [{input: '', key: {upArrow: true}}]);
});
