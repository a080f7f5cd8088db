// A console view that keeps drawing new text (offsets, lag, sparklines, tail messages) does not
// keep it. Ink's <Text> is measured through a cache of every text it ever measured: drawn through it,
// these 40,000 distinct lines kept 9.5 MB for the life of the process; through OneLine, which Ink
// does not measure, 0.3 MB.
// React is loaded here, after NODE_ENV, in the production build the console runs on
// (commands/console.ts): the development build keeps every rendered element for its tools. React
// and what loads it are imported below, after NODE_ENV is set; no JSX, whose runtime would load it first.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';

process.env['NODE_ENV'] = 'production';
const {default: React} = await import('react');
const {render} = await import('ink');
const {Chalk} = await import('chalk');
const {Lines} = await import('../../../source/ui/lines.js');

const chalk = new Chalk({level: 3});

test('a console view that draws 40,000 distinct lines does not keep them', async () => {
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc') as () => void;
	const frame = (n: number) => Array.from({length: 5}, (_, i) => `offset ${n * 5 + i} ${chalk.green('lag')} ${'x'.repeat(120)}`);
	const view = (n: number) => React.createElement(Lines, {lines: frame(n), width: 160, height: 5});
	// Ink itself, on a terminal that keeps only the last frame (ink-testing-library keeps them all)
	const stdout = Object.assign(new EventEmitter(), {columns: 160, rows: 10, last: '', write: (f: string) => ((stdout.last = f), true)});
	const {rerender, unmount} = render(view(0), {stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false});
	const heapAfter = async (from: number, to: number) => {
		// a frame at a time, as the console draws them
		for (let n = from; n < to; n++) {
			rerender(view(n));
			await new Promise((resolve) => setImmediate(resolve));
		}
		gc();
		return process.memoryUsage().heapUsed;
	};
	const warm = await heapAfter(1, 2000);
	const after = await heapAfter(2000, 10_000);
	// the frames were drawn: the last one is on screen
	assert.match(stdout.last, /offset 49999 /);
	const grownMB = (after - warm) / 1024 / 1024;
	assert.ok(grownMB < 3, `the heap grew by ${grownMB.toFixed(1)} MB over 40,000 lines`);
	unmount();
});
