// The OIDs kcon reads from a Pi's Net-SNMP snmpd: the nine the lab's collectors poll, by their field names.

/** The nine OIDs the lab's collector polls every second, by their Fluentd field names. */
export const LAB_OIDS = {
	tx_bytes: '1.3.6.1.2.1.2.2.1.16.2', // ifOutOctets.2 (Counter32, eth0 assumed at ifIndex 2)
	rx_bytes: '1.3.6.1.2.1.2.2.1.10.2', // ifInOctets.2
	tx_drops: '1.3.6.1.2.1.2.2.1.19.2', // ifOutDiscards.2
	rx_drops: '1.3.6.1.2.1.2.2.1.13.2', // ifInDiscards.2
	tx_errors: '1.3.6.1.2.1.2.2.1.20.2', // ifOutErrors.2
	rx_errors: '1.3.6.1.2.1.2.2.1.14.2', // ifInErrors.2
	cpu_load: '1.3.6.1.4.1.2021.10.1.3.1', // laLoad.1 (STRING, e.g. "1.35")
	free_ram: '1.3.6.1.4.1.2021.4.6.0', // memAvailReal, kB
	disk_util: '1.3.6.1.4.1.2021.9.1.9.1', // dskPercent.1 (needs `disk /`)
} as const;

export type LabField = keyof typeof LAB_OIDS;

/** Flume collector names for the same nine OIDs (older labs). */
export const FLUME_NAMES: Record<LabField, string> = {
	tx_bytes: 'tx',
	rx_bytes: 'rx',
	tx_drops: 'txDropped',
	rx_drops: 'rxDropped',
	tx_errors: 'txError',
	rx_errors: 'rxError',
	cpu_load: 'cpu',
	free_ram: 'memory',
	disk_util: 'disk',
};

/** Scalars (instance `.0` or fixed row `.1`). */
export const OID = {
	sysDescr: '1.3.6.1.2.1.1.1.0',
	sysUpTime: '1.3.6.1.2.1.1.3.0', // TimeTicks, 1/100 s
	sysName: '1.3.6.1.2.1.1.5.0',
	ifNumber: '1.3.6.1.2.1.2.1.0',
	memTotalReal: '1.3.6.1.4.1.2021.4.5.0', // kB
	memAvailReal: '1.3.6.1.4.1.2021.4.6.0', // kB
	ssCpuIdle: '1.3.6.1.4.1.2021.11.11.0', // % — No Such Instance for ~60 s after start
	ssCpuRawUser: '1.3.6.1.4.1.2021.11.50.0', // Counter32 ticks
	ssCpuRawNice: '1.3.6.1.4.1.2021.11.51.0',
	ssCpuRawSystem: '1.3.6.1.4.1.2021.11.52.0', // on Linux: system + irq + softirq
	ssCpuRawIdle: '1.3.6.1.4.1.2021.11.53.0',
	ssCpuRawWait: '1.3.6.1.4.1.2021.11.54.0',
	laLoad1: '1.3.6.1.4.1.2021.10.1.3.1', // STRING "0.52"
	laLoad5: '1.3.6.1.4.1.2021.10.1.3.2',
	laLoad15: '1.3.6.1.4.1.2021.10.1.3.3',
	dskPercent1: '1.3.6.1.4.1.2021.9.1.9.1',
} as const;

/** Table columns: append `.ifIndex` (or `.row`). */
export const COLUMN = {
	ifDescr: '1.3.6.1.2.1.2.2.1.2',
	ifInOctets: '1.3.6.1.2.1.2.2.1.10', // Counter32
	ifInDiscards: '1.3.6.1.2.1.2.2.1.13',
	ifInErrors: '1.3.6.1.2.1.2.2.1.14',
	ifOutOctets: '1.3.6.1.2.1.2.2.1.16', // Counter32
	ifOutDiscards: '1.3.6.1.2.1.2.2.1.19',
	ifOutErrors: '1.3.6.1.2.1.2.2.1.20',
	ifName: '1.3.6.1.2.1.31.1.1.1.1',
	ifHCInOctets: '1.3.6.1.2.1.31.1.1.1.6', // Counter64 (Buffer in net-snmp → bigint here)
	ifHCOutOctets: '1.3.6.1.2.1.31.1.1.1.10',
	dskPath: '1.3.6.1.4.1.2021.9.1.2',
	dskPercent: '1.3.6.1.4.1.2021.9.1.9',
	laNames: '1.3.6.1.4.1.2021.10.1.2',
	laLoad: '1.3.6.1.4.1.2021.10.1.3',
} as const;

export function columnOid(column: string, index: number | string): string {
	return `${column}.${index}`;
}

/** Scalars the poller asks every tick, independent of the interface. */
export const SCALAR_OIDS: readonly string[] = [
	OID.sysName,
	OID.sysUpTime,
	OID.memTotalReal,
	OID.memAvailReal,
	OID.ssCpuRawUser,
	OID.ssCpuRawNice,
	OID.ssCpuRawSystem,
	OID.ssCpuRawIdle,
	OID.ssCpuRawWait,
	OID.laLoad1,
	OID.dskPercent1,
];

/** Per-interface OIDs the poller adds to the same PDU once the interface is known. */
export function interfaceOids(ifIndex: number): {
	hcIn: string;
	hcOut: string;
	in32: string;
	out32: string;
	inErrors: string;
	outErrors: string;
	inDiscards: string;
	outDiscards: string;
} {
	return {
		hcIn: columnOid(COLUMN.ifHCInOctets, ifIndex),
		hcOut: columnOid(COLUMN.ifHCOutOctets, ifIndex),
		in32: columnOid(COLUMN.ifInOctets, ifIndex),
		out32: columnOid(COLUMN.ifOutOctets, ifIndex),
		inErrors: columnOid(COLUMN.ifInErrors, ifIndex),
		outErrors: columnOid(COLUMN.ifOutErrors, ifIndex),
		inDiscards: columnOid(COLUMN.ifInDiscards, ifIndex),
		outDiscards: columnOid(COLUMN.ifOutDiscards, ifIndex),
	};
}

/** Parse `laLoad` ("1.35") to a number; null when absent or malformed. */
export function parseLoad(value: unknown): number | null {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string') return null;
	const n = Number.parseFloat(value);
	return Number.isFinite(n) ? n : null;
}
