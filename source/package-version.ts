// kcon's version, from the package's own manifest (two levels above the compiled file, in the
// repository and in an installed package alike). Only `node:fs`: `kcon --version` is answered with
// nothing else loaded.
import fs from 'node:fs';

export function packageVersion(): string {
	const manifest = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: unknown};
	return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** Whether the command line asks only for the version (what `--version` means to meow too). */
export function asksForVersion(argv: readonly string[]): boolean {
	return argv.length === 1 && argv[0] === '--version';
}
