// Consumer lag, defined once for the gateway, the console, the lag history and `describe`.
//
// The committed offset and the log-end offset are read by different requests, so the difference
// can come out negative: a commit read after a newer high watermark than the log end offset that
// was read. Such a partition is caught up, its lag is 0; a partition whose committed or log-end
// offset is unknown has no lag (null), and a group's lag is the sum of the lags that are known,
// so the LAG column, the trend and the status of a group are computed from the same number.
//
// kafka-consumer-groups.sh prints the difference as it read it, negative or not, and "-" when
// either offset is missing (ConsumerGroupCommand.getLag: offset != -1 and a log end offset
// present → end − offset); it prints no group total. `describe`'s text mode, which must be
// byte-identical to the tool, prints toolLag; everything else uses partitionLag and groupLag.

/** The lag of one partition: max(0, logEnd − committed) when both are known, else null. */
export function partitionLag(committed: bigint | null, logEnd: bigint | null): bigint | null {
	if (committed === null || logEnd === null) return null;
	return logEnd > committed ? logEnd - committed : 0n;
}

/** What kafka-consumer-groups.sh prints in its LAG column: logEnd − committed as read, null for "-". */
export function toolLag(committed: bigint | null, logEnd: bigint | null): bigint | null {
	return committed === null || logEnd === null ? null : logEnd - committed;
}

/** The lag of a group: the sum of its known partition lags; null when no partition's lag is known. */
export function groupLag(offsets: readonly {committed: bigint | null; logEnd: bigint | null}[]): bigint | null {
	let sum: bigint | null = null;
	for (const o of offsets) {
		const lag = partitionLag(o.committed, o.logEnd);
		if (lag !== null) sum = (sum ?? 0n) + lag;
	}
	return sum;
}

/** The sum of the lags a group's rows carry (a share group's, as its broker reported them); null
 *  when none is known. */
export function knownLagSum(offsets: readonly {lag: bigint | null}[]): bigint | null {
	let sum: bigint | null = null;
	for (const o of offsets) if (o.lag !== null) sum = (sum ?? 0n) + o.lag;
	return sum;
}
