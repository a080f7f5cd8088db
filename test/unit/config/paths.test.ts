// Where kcon keeps its cache, config and state: the XDG variables when set, else the defaults under
// the home directory; KCON_STATE_DIR wins for the state (each test lab has its own).
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import {cacheDir, configDir, defaultConfigFile, stateDir} from '../../../source/config/paths.js';

const NAMES = ['XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'KCON_STATE_DIR'] as const;
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
afterEach(() => {
	for (const name of NAMES) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
});
const unset = () => {
	for (const name of NAMES) delete process.env[name];
};

test('without XDG variables: ~/.cache/kcon, ~/.config/kcon/config.json, ~/.local/state/kcon', () => {
	unset();
	const home = os.homedir();
	assert.equal(cacheDir(), path.join(home, '.cache', 'kcon'));
	assert.equal(configDir(), path.join(home, '.config', 'kcon'));
	assert.equal(defaultConfigFile(), path.join(home, '.config', 'kcon', 'config.json'));
	assert.equal(stateDir(), path.join(home, '.local', 'state', 'kcon'));
});

test('XDG variables move each directory; an empty one counts as unset', () => {
	unset();
	process.env['XDG_CACHE_HOME'] = '/x/cache';
	process.env['XDG_CONFIG_HOME'] = '/x/config';
	process.env['XDG_STATE_HOME'] = '/x/state';
	assert.equal(cacheDir(), '/x/cache/kcon');
	assert.equal(defaultConfigFile(), '/x/config/kcon/config.json');
	assert.equal(stateDir(), '/x/state/kcon');
	process.env['XDG_CONFIG_HOME'] = '';
	assert.equal(configDir(), path.join(os.homedir(), '.config', 'kcon'));
});

test('KCON_STATE_DIR is the state directory itself, over XDG_STATE_HOME', () => {
	unset();
	process.env['XDG_STATE_HOME'] = '/x/state';
	process.env['KCON_STATE_DIR'] = '/tmp/lab-a';
	assert.equal(stateDir(), '/tmp/lab-a');
	assert.equal(cacheDir(), path.join(os.homedir(), '.cache', 'kcon'), 'the cache does not follow the state');
});
