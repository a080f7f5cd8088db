// The lab's `tower` group: one member consuming `resource` continuously and committing, like the
// Tower lab's broker_to_influxdb.py. Started by `kcon lab up`: node tower-main.js --tower=<dir> <json>
import {labConsumer} from '../kafka/lab-clients.js';

const config = JSON.parse(process.argv[3] ?? '{}') as {bootstrap: string; topic: string; group: string};
const log = (line: string) => process.stdout.write(`[${new Date().toISOString()}] ${line}\n`);

async function main() {
	let count = 0;
	const consumer = await labConsumer(config.bootstrap, config.group, config.topic, () => {
		if (++count === 1 || count % 1000 === 0) log(`${count} records consumed`);
	});
	const stop = async () => {
		await consumer.close().catch(() => {});
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => void stop());
	log(`group ${config.group} consuming ${config.topic} via ${config.bootstrap}`);
}

main().catch((error) => {
	log(`consumer failed: ${error instanceof Error ? error.stack : error}`);
	process.exit(1);
});
