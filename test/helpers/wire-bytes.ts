// Kafka wire values as byte arrays, for codec tests that spell out the bytes a request must be.
export const i8 = (v: number) => [v & 0xff];
export const i16 = (v: number) => {
	const b = Buffer.alloc(2);
	b.writeInt16BE(v);
	return [...b];
};
export const i32 = (v: number) => {
	const b = Buffer.alloc(4);
	b.writeInt32BE(v);
	return [...b];
};
export const i64 = (v: bigint) => {
	const b = Buffer.alloc(8);
	b.writeBigInt64BE(v);
	return [...b];
};
/** classic STRING: int16 length + UTF-8 */
export const str = (s: string) => [...i16(Buffer.byteLength(s)), ...Buffer.from(s)];
export const nullStr = () => i16(-1);
/** COMPACT_STRING: unsigned varint length+1 (all lengths here < 127) */
export const cstr = (s: string) => [Buffer.byteLength(s) + 1, ...Buffer.from(s)];
export const bytes = (...parts: number[][]) => Buffer.from(parts.flat());
