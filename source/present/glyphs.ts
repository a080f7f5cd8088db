// The status glyphs the console draws, all from the set every terminal font has (WGL4, which
// Windows, macOS and Linux monospace fonts all cover) or plain ASCII: ⏸ (U+23F8) and ⟳ (U+27F3) are
// missing from common terminal fonts and show as an empty box, and ⚠ (U+26A0) is drawn one column
// wide by some terminals and two (as an emoji) by others, which shifts the rest of its line.
export const GLYPHS = {
	/** polling is paused */
	paused: '||',
	/** a poll is running right now */
	polling: '•',
	/** a warning line (cluster or agents trouble, a forced action) */
	warning: '▲',
} as const;
