// A binary min-heap: merging the streams of a log group in event order
// (FilterLogEvents) and finding a group's oldest events to drop.

export class MinHeap<T> {
	private readonly items: T[] = [];

	constructor(private readonly before: (left: T, right: T) => boolean) {}

	get size(): number {
		return this.items.length;
	}

	push(item: T): void {
		const items = this.items;
		items.push(item);
		let index = items.length - 1;
		while (index > 0) {
			const parent = (index - 1) >>> 1;
			if (!this.before(items[index] as T, items[parent] as T)) break;
			[items[index], items[parent]] = [items[parent] as T, items[index] as T];
			index = parent;
		}
	}

	pop(): T | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length === 0 || last === undefined) return top;
		items[0] = last;
		let index = 0;
		for (;;) {
			const left = index * 2 + 1;
			const right = left + 1;
			let smallest = index;
			if (left < items.length && this.before(items[left] as T, items[smallest] as T)) smallest = left;
			if (right < items.length && this.before(items[right] as T, items[smallest] as T)) smallest = right;
			if (smallest === index) break;
			[items[index], items[smallest]] = [items[smallest] as T, items[index] as T];
			index = smallest;
		}
		return top;
	}
}
