// Whether kcon colours its output, decided here once for the console and every text renderer.
// In order: the `--no-color` flag (this invocation) turns colour off; FORCE_COLOR, when set, is what
// it says (as Node itself reads it, it outranks NO_COLOR: FORCE_COLOR=0 off, 1–3 that many colours,
// the detection below already applies it); NO_COLOR with any non-empty value turns colour off
// (no-color.org); otherwise what the terminal supports (chalk's detection: a TTY, TERM, CI…).
export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(env: NodeJS.ProcessEnv, argv: readonly string[], detected: ColorLevel): ColorLevel {
	if (argv.includes('--no-color')) return 0;
	if (env['FORCE_COLOR'] !== undefined) return detected;
	if (env['NO_COLOR']) return 0;
	return detected;
}
