// Load something from AWS for a screen: the value, the error as a sentence to
// act on, and a reload. A load that finishes after the screen is gone is dropped.
import {useCallback, useEffect, useState} from 'react';
import {describeAwsError} from '../../aws/errors.js';

export interface Resource<T> {
	data: T | undefined;
	error: string | undefined;
	loading: boolean;
	reload(): void;
}

export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], endpoint?: string): Resource<T> {
	const [data, setData] = useState<T | undefined>();
	const [error, setError] = useState<string | undefined>();
	const [loading, setLoading] = useState(true);
	const [generation, setGeneration] = useState(0);
	useEffect(() => {
		const controller = new AbortController();
		setLoading(true);
		load(controller.signal).then(
			(value) => {
				if (controller.signal.aborted) return;
				setData(value);
				setError(undefined);
				setLoading(false);
			},
			(caught: unknown) => {
				if (controller.signal.aborted) return;
				setError(describeAwsError(caught, endpoint));
				setLoading(false);
			},
		);
		return () => controller.abort();
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [...deps, generation]);
	const reload = useCallback(() => setGeneration((value) => value + 1), []);
	return {data, error, loading, reload};
}
