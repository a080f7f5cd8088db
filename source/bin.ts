#!/usr/bin/env node
// The installed `kcon` command. Node ≥ 22.1 can keep the compiled code of every module kcon loads
// in a cache on disk (in the OS temporary directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so
// later start-ups skip compiling them; the cache has to be on before the first static import is
// compiled, hence this entry and a dynamic import of the real one. Older Node has no such call.
// `kcon --version` is answered before anything else loads: it should cost no more than Node's own
// start-up, and meow alone takes about 70 ms to import (its bundled dependencies).
import module from 'node:module';
import {asksForVersion, packageVersion} from './package-version.js';
import {writeOut} from './terminal-out.js';

if (asksForVersion(process.argv.slice(2))) {
	writeOut(`${packageVersion()}\n`);
} else {
	(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();
	await import('./cli.js');
}
