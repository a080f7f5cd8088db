// A lab collector (one detached process per Pi): every second GET the nine lab OIDs from one agent
// and publish the record to topic `resource`, no key — the Fluentd exec collector of the 2026 labs
// (or the older Flume one). Started by `kcon lab up`: node collector-main.js --collector=<dir> <json>
import {labProducer} from '../kafka/lab-clients.js';
import {SnmpSession} from '../snmp/client.js';
import {LAB_OIDS} from '../snmp/oids.js';
import {flumeRecord, fluentdRecord} from './records.js';

interface CollectorConfig {
	bootstrap: string;
	topic: string;
	host: string;
	port: number;
	community: string;
	format: 'fluentd' | 'flume';
	name: string;
}

const config = JSON.parse(process.argv[3] ?? '{}') as CollectorConfig;
const oids = Object.values(LAB_OIDS);
const log = (line: string) => process.stdout.write(`[${new Date().toISOString()}] ${line}\n`);

async function main() {
	const session = new SnmpSession({host: config.host, port: config.port, community: config.community, timeoutMs: 900});
	let producer: Awaited<ReturnType<typeof labProducer>> | null = null;
	let stopping = false;
	let busy = false;
	let sent = 0;
	let lastError = '';
	const tick = async () => {
		if (busy || stopping) return; // a poll that would overlap the running one is dropped
		busy = true;
		try {
			const values = await session.get(oids);
			const now = new Date();
			const record = config.format === 'flume' ? flumeRecord(values, config.host, now) : fluentdRecord(values, now);
			producer ??= await labProducer(config.bootstrap, `kcon-lab-collector-${config.name}`, config.topic);
			await producer.send(record);
			if (++sent === 1 || sent % 600 === 0) log(`${sent} records sent; last: ${record}`);
			lastError = '';
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			if (message !== lastError) log(`poll/publish failed: ${message}`);
			lastError = message;
			if (producer && /disconnected|not connected/i.test(message)) {
				await producer.close().catch(() => {});
				producer = null;
			}
		} finally {
			busy = false;
		}
	};
	// align to the second, like a cron-ish exec every 1s
	setTimeout(() => {
		void tick();
		setInterval(() => void tick(), 1000);
	}, 1000 - (Date.now() % 1000));
	const stop = async () => {
		stopping = true;
		session.close();
		await producer?.close().catch(() => {});
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => void stop());
	log(`collecting ${config.host}:${config.port} → ${config.topic} (${config.format}) via ${config.bootstrap}`);
}

main().catch((error) => {
	log(`collector failed: ${error instanceof Error ? error.stack : error}`);
	process.exit(1);
});
