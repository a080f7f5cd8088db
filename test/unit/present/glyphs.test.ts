// The console's status glyphs come from characters every terminal font draws, one column wide.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {GLYPHS} from '../../../source/present/glyphs.js';
import {displayWidth} from '../../../source/present/display-width.js';

// printable ASCII, and the WGL4 characters kcon may draw: bullet, triangles, blocks, arrows
const SAFE = /^[\x20-\x7e•▲►▼◄■□●○█░▒▓←↑→↓·…—–×›]+$/;

test('every status glyph is ASCII or WGL4 and one column per character', () => {
	for (const [name, glyph] of Object.entries(GLYPHS)) {
		assert.match(glyph, SAFE, name);
		assert.equal(displayWidth(glyph), [...glyph].length, name);
	}
	for (const missing of ['⏸', '⟳', '⚠']) assert.ok(!Object.values(GLYPHS).some((g) => g.includes(missing)), missing);
});
