// Side-by-side timing of whole commands: wall time from hrtime, peak RSS and CPU time from GNU time (%M %U %S).
import {spawn} from 'node:child_process';

export interface Sample {
	wallMs: number;
	maxRssKb: number | null;
	exitCode: number;
	/** bytes the command wrote to stdout (read and discarded, like a pipe) */
	stdoutBytes: number;
	/** user + system CPU time of the command (GNU time %U %S), null if unknown; unlike wall time it hardly grows with the machine's load */
	cpuMs: number | null;
}

export interface Stats {
	median: number;
	min: number;
	max: number;
	runs: number;
}

/** Run once; stdout is drained like a pipe reader would, stderr kept for diagnostics. */
export function runOnce(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample & {stderr: string}> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn('/usr/bin/time', ['-f', '%M %U %S', command, ...args], {
			env: {...process.env, ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdoutBytes = 0;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			const lines = stderr.trimEnd().split('\n');
			const [rss, user, system] = (lines.at(-1) ?? '').split(' ').map(Number);
			resolve({
				wallMs,
				maxRssKb: Number.isFinite(rss) ? rss! : null,
				cpuMs: Number.isFinite(user) && Number.isFinite(system) ? Math.round((user! + system!) * 1000) : null,
				exitCode: code ?? 1,
				stdoutBytes,
				stderr: lines.slice(0, -1).join('\n'),
			});
		});
	});
}

/** Run `runs` times after one warm-up; throws when a run fails (a failed peer is not a result). */
export async function measure(command: string, args: string[], {runs = 5, env = {}, warmup = 1} = {}): Promise<Sample[]> {
	const samples: Sample[] = [];
	for (let i = 0; i < warmup + runs; i++) {
		const sample = await runOnce(command, args, env);
		if (sample.exitCode !== 0) {
			throw new Error(`${command} ${args.join(' ')} exited ${sample.exitCode}: ${sample.stderr.slice(0, 400)}`);
		}
		if (i >= warmup) samples.push(sample);
	}
	return samples;
}

export function stats(values: number[]): Stats {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
	return {median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length};
}

export function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
