// Writer and Reader: the Kafka protocol primitives (fixed-width ints, unsigned varints, classic and
// compact strings, bytes and arrays, uuids, tagged-field sections) the gateway's codecs are built
// from. Offsets are bigint.

export class Writer {
	private chunks: Buffer[] = [];
	int8(v: number) {
		const b = Buffer.alloc(1);
		b.writeInt8(v);
		this.chunks.push(b);
		return this;
	}
	int16(v: number) {
		const b = Buffer.alloc(2);
		b.writeInt16BE(v);
		this.chunks.push(b);
		return this;
	}
	int32(v: number) {
		const b = Buffer.alloc(4);
		b.writeInt32BE(v);
		this.chunks.push(b);
		return this;
	}
	int64(v: bigint) {
		const b = Buffer.alloc(8);
		b.writeBigInt64BE(v);
		this.chunks.push(b);
		return this;
	}
	bool(v: boolean) {
		return this.int8(v ? 1 : 0);
	}
	uvarint(v: number) {
		const bytes: number[] = [];
		let value = v >>> 0;
		while (value >= 0x80) {
			bytes.push((value & 0x7f) | 0x80);
			value >>>= 7;
		}
		bytes.push(value);
		this.chunks.push(Buffer.from(bytes));
		return this;
	}
	string(v: string | null) {
		if (v === null) return this.int16(-1);
		const b = Buffer.from(v, 'utf8');
		this.int16(b.length);
		this.chunks.push(b);
		return this;
	}
	compactString(v: string | null) {
		if (v === null) return this.uvarint(0);
		const b = Buffer.from(v, 'utf8');
		this.uvarint(b.length + 1);
		this.chunks.push(b);
		return this;
	}
	array<T>(items: T[] | null, write: (w: Writer, item: T) => void) {
		if (items === null) return this.int32(-1);
		this.int32(items.length);
		for (const item of items) write(this, item);
		return this;
	}
	compactArray<T>(items: T[] | null, write: (w: Writer, item: T) => void) {
		if (items === null) return this.uvarint(0);
		this.uvarint(items.length + 1);
		for (const item of items) write(this, item);
		return this;
	}
	uuid(bytes: Buffer = Buffer.alloc(16)) {
		this.chunks.push(bytes);
		return this;
	}
	/** an empty tagged-field section */
	tags() {
		return this.uvarint(0);
	}
	buffer(): Buffer {
		return Buffer.concat(this.chunks);
	}
}

export class Reader {
	offset = 0;
	constructor(private readonly buf: Buffer) {}
	/** bytes not read yet (0 once a length has run past the end) */
	remaining(): number {
		return Math.max(0, this.buf.length - this.offset);
	}
	int8() {
		const v = this.buf.readInt8(this.offset);
		this.offset += 1;
		return v;
	}
	int16() {
		const v = this.buf.readInt16BE(this.offset);
		this.offset += 2;
		return v;
	}
	int32() {
		const v = this.buf.readInt32BE(this.offset);
		this.offset += 4;
		return v;
	}
	int64() {
		const v = this.buf.readBigInt64BE(this.offset);
		this.offset += 8;
		return v;
	}
	bool() {
		return this.int8() !== 0;
	}
	uvarint() {
		let result = 0;
		let shift = 0;
		for (;;) {
			const byte = this.buf[this.offset++]!;
			result += (byte & 0x7f) * 2 ** shift;
			if (byte < 0x80) return result;
			shift += 7;
			if (shift > 35) throw new Error('invalid varint in Kafka response');
		}
	}
	string(): string | null {
		const n = this.int16();
		if (n < 0) return null;
		const v = this.buf.toString('utf8', this.offset, this.offset + n);
		this.offset += n;
		return v;
	}
	bytes(): Buffer | null {
		const n = this.int32();
		if (n < 0) return null;
		const v = this.buf.subarray(this.offset, this.offset + n);
		this.offset += n;
		return v;
	}
	compactString(): string | null {
		const n = this.uvarint();
		if (n === 0) return null;
		const v = this.buf.toString('utf8', this.offset, this.offset + n - 1);
		this.offset += n - 1;
		return v;
	}
	compactBytes(): Buffer | null {
		const n = this.uvarint();
		if (n === 0) return null;
		const v = this.buf.subarray(this.offset, this.offset + n - 1);
		this.offset += n - 1;
		return v;
	}
	array<T>(read: (r: Reader) => T): T[] {
		const n = this.int32();
		const out: T[] = [];
		for (let i = 0; i < n; i++) out.push(read(this));
		return out;
	}
	compactArray<T>(read: (r: Reader) => T): T[] {
		const n = this.uvarint();
		const out: T[] = [];
		for (let i = 0; i < n - 1; i++) out.push(read(this));
		return out;
	}
	uuid(): Buffer {
		const v = this.buf.subarray(this.offset, this.offset + 16);
		this.offset += 16;
		return v;
	}
	tags() {
		const n = this.uvarint();
		for (let i = 0; i < n; i++) {
			this.uvarint();
			const size = this.uvarint();
			this.offset += size;
		}
	}
	/** a tagged-field section as tag → a Reader over that field's bytes (for the tags a codec reads) */
	taggedFields(): Map<number, Reader> {
		const n = this.uvarint();
		const fields = new Map<number, Reader>();
		for (let i = 0; i < n; i++) {
			const tag = this.uvarint();
			const size = this.uvarint();
			if (this.offset + size > this.buf.length) throw new Error('tagged field past the end of a Kafka response');
			fields.set(tag, new Reader(this.buf.subarray(this.offset, this.offset + size)));
			this.offset += size;
		}
		return fields;
	}
}
