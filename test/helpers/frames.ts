// Waiting on ink-testing-library frames (no broker involved).
export const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));

/** The first frame that matches `re` within `ms`; throws with the last frame otherwise. */
export async function until(frame: () => string | undefined, re: RegExp, ms = 4000): Promise<string> {
	const end = Date.now() + ms;
	for (;;) {
		const f = frame() ?? '';
		if (re.test(f)) return f;
		if (Date.now() > end) throw new Error(`no frame matched ${re}:\n${f}`);
		await tick(20);
	}
}
