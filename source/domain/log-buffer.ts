// The newest lines of a log, at most `capacity` of them, for the Monitor tab's
// log view: a live tail may push thousands of lines a second, so a push costs
// O(1) amortised (the store grows to twice the capacity, then drops its
// oldest half in one copy) and the window is copied only when read, once per
// version. Every line gets a sequence number as it enters, never reused (not
// even after a clear): what the view marks on a line (a pretty-printed JSON
// object, the cursor) stays on that line when older ones are dropped.

export class LogBuffer<T> {
	readonly capacity: number;
	private store: T[] = [];
	/** Index in `store` of the oldest line kept. */
	private first = 0;
	private droppedCount = 0;
	private window: readonly T[] = [];
	private windowVersion = 0;
	private changes = 0;
	/** How many lines were ever pushed (clears included): the next line's sequence number. */
	private pushedCount = 0;

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A log buffer holds at least one line, got a capacity of ${capacity}`);
		this.capacity = capacity;
	}

	/** Adds lines at the newest end; the oldest go when there are more than `capacity`. */
	push(items: readonly T[]): void {
		this.changes += 1;
		if (items.length === 0) return;
		this.pushedCount += items.length;
		let from = 0;
		if (items.length >= this.capacity) {
			// Only the newest `capacity` of these can stay: everything held goes too.
			from = items.length - this.capacity;
			this.droppedCount += this.length + from;
			this.store = [];
			this.first = 0;
		}
		for (let index = from; index < items.length; index += 1) this.store.push(items[index] as T);
		const excess = this.length - this.capacity;
		if (excess > 0) {
			this.first += excess;
			this.droppedCount += excess;
		}
		if (this.first >= this.capacity) {
			this.store = this.store.slice(this.first);
			this.first = 0;
		}
	}

	/** Changes on every push and clear: a cheap "did anything change" for renders. */
	get version(): number {
		return this.changes;
	}

	/** How many lines are held. */
	get length(): number {
		return this.store.length - this.first;
	}

	/** The line at `index` (0 is the oldest held), or undefined. */
	at(index: number): T | undefined {
		if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
		return this.store[this.first + index];
	}

	/** The sequence number of the oldest line held (of the next line pushed when none is): line `index` has `firstSequence + index`. */
	get firstSequence(): number {
		return this.pushedCount - this.length;
	}

	/** Where the line with this sequence number is now (0 is the oldest held), or undefined when it was dropped or never pushed. */
	indexOf(sequence: number): number | undefined {
		const index = sequence - this.firstSequence;
		return Number.isInteger(index) && index >= 0 && index < this.length ? index : undefined;
	}

	/** The lines held, oldest first: the same array until the next push or clear. */
	get items(): readonly T[] {
		if (this.windowVersion !== this.version) {
			this.window = Object.freeze(this.store.slice(this.first));
			this.windowVersion = this.version;
		}
		return this.window;
	}

	/** How many lines were pushed out (older than the newest `capacity`) since the start or the last clear. */
	get dropped(): number {
		return this.droppedCount;
	}

	/** Empties the buffer; sequence numbers go on from where they were. */
	clear(): void {
		this.store = [];
		this.first = 0;
		this.droppedCount = 0;
		this.changes += 1;
	}
}
