// Queues of writes by key (a function's name, a layer's name, a code blob's
// hash), shared by the stores: the writes of one key run one after the other,
// each after the previous one settled (failed or not), so the last write on
// disk is the last one asked for; writes of different keys run in parallel.

export class WriteQueues {
	private readonly queues = new Map<string, Promise<void>>();

	/** Runs `job` after every job queued before under `key`; resolves or rejects as the job does. */
	run(key: string, job: () => Promise<void>): Promise<void> {
		const previous = this.queues.get(key) ?? Promise.resolve();
		const next = previous.catch(() => undefined).then(job);
		this.queues.set(key, next);
		void next
			.catch(() => undefined)
			.then(() => {
				if (this.queues.get(key) === next) this.queues.delete(key);
			});
		return next;
	}

	/** True while a job of `key` is queued or running. */
	has(key: string): boolean {
		return this.queues.has(key);
	}

	/** Resolves when every job queued so far has settled. */
	async settled(): Promise<void> {
		await Promise.all([...this.queues.values()].map((write) => write.catch(() => undefined)));
	}
}
