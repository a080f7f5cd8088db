// The functions a V8 CPU profile (`node --cpu-prof`) spent the most self time in:
//   node dist/bench/profile-top.js FILE.cpuprofile [N, default 5]
// Self time per function (name, file, line), summed over the profile's nodes, as % of the samples;
// '(idle)', '(program)' and '(garbage collector)' are V8's own buckets and are listed like functions.
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number};
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export function topSelf(profile: Profile, n: number): Array<{name: string; percent: number; ms: number}> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, i) => {
		const frame = byId.get(id)!.callFrame;
		const where = frame.url ? ` ${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
		const key = `${frame.functionName || '(anonymous)'}${where}`;
		const dt = profile.timeDeltas[i] ?? 0;
		self.set(key, (self.get(key) ?? 0) + dt);
		total += dt;
	});
	return [...self]
		.sort((a, b) => b[1] - a[1])
		.slice(0, n)
		.map(([name, us]) => ({name, percent: Math.round((us / total) * 1000) / 10, ms: Math.round(us / 100) / 10}));
}

const [file, count] = process.argv.slice(2);
if (file) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
	for (const row of topSelf(profile, Number(count ?? 5))) process.stdout.write(`${row.percent.toFixed(1).padStart(5)} %  ${String(row.ms).padStart(8)} ms  ${row.name}\n`);
}
