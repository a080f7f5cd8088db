// The console is one process that stays open for hours and is idle between keypresses and
// refreshes. V8's default heuristics size the heap for throughput: its young generation grows to
// 32 MB as soon as a snapshot's objects survive a few collections, and its old generation is let
// grow to several times what is live before the next full collection. At 16,000 partitions that
// was about 60 MB of the console's 160 MB.
//
// V8's memory-saving mode (the one Chrome uses for background tabs) keeps both close to what is
// live: the console measured about 100 MB there, for about 1 ms more CPU per frame at the 95th
// percentile and a slower first keystroke of a filter over 100,000 rows. V8 reads the flag when it
// sizes the heap after each collection, so it takes effect when set at run time (unlike the
// semi-space size, which is fixed when the heap is created). One-shot commands and tail do not
// set it: they end before the heap grows, or are measured on throughput.
import v8 from 'node:v8';

export function favourMemoryOverSpeed(): void {
	v8.setFlagsFromString('--optimize-for-size');
}
