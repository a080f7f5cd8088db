#!/usr/bin/env node
// The installed `kcon` command. Node ≥ 22.1 can keep the compiled code of every module kcon loads
// in a cache on disk (in the OS temporary directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so
// later start-ups skip compiling them; the cache has to be on before the first static import is
// compiled, hence this entry and a dynamic import of the real one. Older Node has no such call.
import module from 'node:module';

(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();
await import('./cli.js');
