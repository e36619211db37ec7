// Time as the local Lambda sees it. Everything that waits (retry back-off,
// event age, idle reaping, live-tail updates) waits on a Clock, so tests can
// advance time instead of sleeping. The system clock is the real one.

export interface Timer {
	cancel(): void;
}

export interface Clock {
	/** Epoch milliseconds. */
	now(): number;
	/** Calls `callback` once, `delayMs` from now. Timers never keep the process alive. */
	setTimer(callback: () => void, delayMs: number): Timer;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimer(callback, delayMs) {
		const handle = setTimeout(callback, Math.max(0, delayMs));
		handle.unref();
		return {cancel: () => clearTimeout(handle)};
	},
};

interface Pending {
	dueAt: number;
	sequence: number;
	callback: () => void;
	cancelled: boolean;
}

/** A clock that moves only when a test advances it. */
export class ManualClock implements Clock {
	private current: number;
	private sequence = 0;
	private pending: Pending[] = [];

	constructor(start: number = Date.UTC(2026, 0, 1)) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	/** A timer due now (no delay) runs on its own, soon, as on the system clock; later ones wait for advance(). */
	setTimer(callback: () => void, delayMs: number): Timer {
		const entry: Pending = {dueAt: this.current + Math.max(0, delayMs), sequence: this.sequence++, callback, cancelled: false};
		if (delayMs <= 0) {
			setImmediate(() => {
				if (!entry.cancelled) callback();
			});
			return {
				cancel: () => {
					entry.cancelled = true;
				},
			};
		}
		this.pending.push(entry);
		return {
			cancel: () => {
				entry.cancelled = true;
			},
		};
	}

	/** Moves time forward, running each timer that falls due, in order, with the clock at its due time. */
	async advance(ms: number): Promise<void> {
		const target = this.current + ms;
		// Timers due now run first, and what they started settles.
		await new Promise<void>((resolve) => setImmediate(resolve));
		await new Promise<void>((resolve) => setImmediate(resolve));
		for (;;) {
			this.pending = this.pending.filter((entry) => !entry.cancelled);
			this.pending.sort((left, right) => left.dueAt - right.dueAt || left.sequence - right.sequence);
			const next = this.pending[0];
			if (next === undefined || next.dueAt > target) break;
			this.pending.shift();
			this.current = Math.max(this.current, next.dueAt);
			next.callback();
			// Let the promise chains the callback started run before the next timer.
			await new Promise<void>((resolve) => setImmediate(resolve));
		}
		this.current = target;
	}

	/** Timers waiting to fire. */
	get waiting(): number {
		return this.pending.filter((entry) => !entry.cancelled).length;
	}
}
