// kcon's version, from the package's own manifest. Only node: modules: `kcon --version` is
// answered with nothing else loaded.
import fs from 'node:fs';
import path from 'node:path';
import {packageRoot} from './package-root.js';

export function packageVersion(): string {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {version?: unknown};
	return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** Whether the command line asks only for the version (what `--version` means to meow too). */
export function asksForVersion(argv: readonly string[]): boolean {
	return argv.length === 1 && argv[0] === '--version';
}
