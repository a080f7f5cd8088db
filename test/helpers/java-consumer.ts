// Kafka's own console consumer (org.apache.kafka.tools.consumer.ConsoleConsumer) running on a
// lab's classpath as a real group member, e.g. with group.protocol=consumer (KIP-848), and the lab's
// Kafka Streams application (lab/streams/LabStreams.java) as a streams group of a test's own. Stopped
// by PID: SIGTERM runs the client's shutdown hook, which leaves the group.
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {javaArgs, type TestLab} from './lab.js';
import {labStreamsClassesDir} from '../../source/lab/fetch.js';

const CONSOLE_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';
/** a member of a share group (KIP-932, Kafka ≥ 4.1); it starts at the group's start offsets */
const CONSOLE_SHARE_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleShareConsumer';

export interface JavaConsumer {
	readonly pid: number;
	/** the records printed so far (values, one a line) */
	records(): string[];
	stderr(): string;
	/** SIGTERM by PID and wait for the exit (SIGKILL if it has not exited 30 s later) */
	stop(): Promise<void>;
}

export function startConsoleConsumer(
	lab: TestLab,
	{topic, group, properties = {}, share = false}: {topic: string; group: string; properties?: Record<string, string>; share?: boolean},
): JavaConsumer {
	const args = ['--bootstrap-server', lab.bootstrap, '--topic', topic, '--group', group];
	if (!share) args.push('--from-beginning');
	// --consumer-property works on 3.9 and 4.x (4.2 prints a deprecation note for it on stderr)
	for (const [key, value] of Object.entries(properties)) args.push('--consumer-property', `${key}=${value}`);
	return watched(spawn('java', javaArgs(lab, share ? CONSOLE_SHARE_CONSUMER : CONSOLE_CONSUMER, args), {stdio: ['ignore', 'pipe', 'pipe']}));
}

/**
 * LabStreams as application `applicationId` on `input` (group.protocol=streams): a second
 * sub-topology counts records in an in-memory store, so the group also reads a repartition topic.
 */
export function startStreamsApp(lab: TestLab, {applicationId, input, output, stateDir}: {applicationId: string; input: string; output: string; stateDir: string}): JavaConsumer {
	const state = lab.state();
	const classes = labStreamsClassesDir(state.kafkaHome);
	const args = ['-Xmx96m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', state.toolLoggingFlag, '-cp', `${state.classpath}${path.delimiter}${classes}`];
	return watched(spawn('java', [...args, 'LabStreams', lab.bootstrap, stateDir, applicationId, input, output], {stdio: ['ignore', 'pipe', 'pipe']}));
}

function watched(child: ChildProcess): JavaConsumer {
	if (child.pid === undefined) throw new Error('java did not start');
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (d) => (stdout += d));
	child.stderr!.on('data', (d) => (stderr += d));
	const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const pid = child.pid;
	return {
		pid,
		records: () => stdout.split('\n').filter(Boolean),
		stderr: () => stderr,
		stop: async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			process.kill(pid, 'SIGTERM');
			const timer = setTimeout(() => {
				if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
			}, 30_000);
			await exited;
			clearTimeout(timer);
		},
	};
}
