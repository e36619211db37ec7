// ListMetrics: the metrics that have data (within the last two weeks, as
// CloudWatch lists them), filtered by exact Namespace and MetricName and by
// Dimensions filters: a metric matches when it has every filtered dimension
// (with that value, when the filter gives one); it may have more dimensions.
// RecentlyActive "PT3H" keeps the metrics with data in the last three hours.
// 500 per page, in a stable order (namespace, name, dimensions), NextToken
// being the position after the last metric returned.

import {CloudWatchError} from './errors.js';
import {metricKey, type MetricStore} from './metric-store.js';
import {asObject, readList, readString, type JsonObject} from './wire.js';

export const listMetricsPageSize = 500;
const dimensionFiltersMax = 10;
const listedSeconds = 14 * 86_400;
const recentlyActiveSeconds = 3 * 3600;

export function listMetrics(store: MetricStore, input: JsonObject, nowMs: number): JsonObject {
	const namespace = readString(input, 'Namespace', 'Namespace');
	const metricName = readString(input, 'MetricName', 'MetricName');
	const nextToken = readString(input, 'NextToken', 'NextToken');
	const recentlyActive = readString(input, 'RecentlyActive', 'RecentlyActive');
	const filterList = readList(input, 'Dimensions', 'Dimensions') ?? [];
	if (filterList.length > dimensionFiltersMax) {
		throw new CloudWatchError('InvalidParameterValue', `The collection Dimensions must not have a size greater than ${dimensionFiltersMax}.`);
	}
	const filters = filterList.map((item, index) => {
		const path = `Dimensions.member.${index + 1}`;
		const filter = asObject(item, path);
		const name = readString(filter, 'Name', `${path}.Name`);
		if (name === undefined || name === '') throw new CloudWatchError('MissingParameter', `The parameter ${path}.Name is required.`);
		return {name, value: readString(filter, 'Value', `${path}.Value`)};
	});
	if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
		throw new CloudWatchError('InvalidParameterValue', `The value ${recentlyActive} for parameter RecentlyActive is invalid: the only valid value is PT3H.`);
	}
	const now = Math.floor(nowMs / 1000);
	const since = now - (recentlyActive === undefined ? listedSeconds : recentlyActiveSeconds);

	const matching = store
		.list()
		.filter(({identity, latest}) => {
			if (latest < since) return false;
			if (namespace !== undefined && identity.namespace !== namespace) return false;
			if (metricName !== undefined && identity.name !== metricName) return false;
			return filters.every((filter) => identity.dimensions.some(([name, value]) => name === filter.name && (filter.value === undefined || value === filter.value)));
		})
		.map(({identity}) => ({identity, key: metricKey(identity.namespace, identity.name, identity.dimensions)}))
		.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));

	let first = 0;
	if (nextToken !== undefined) {
		const after = decodeToken(nextToken);
		first = matching.findIndex((entry) => entry.key > after);
		if (first === -1) first = matching.length;
	}
	const page = matching.slice(first, first + listMetricsPageSize);
	const output: JsonObject = {
		Metrics: page.map(({identity}) => ({
			Namespace: identity.namespace,
			MetricName: identity.name,
			Dimensions: identity.dimensions.map(([name, value]) => ({Name: name, Value: value})),
		})),
	};
	const last = page[page.length - 1];
	if (last !== undefined && first + page.length < matching.length) output['NextToken'] = Buffer.from(last.key, 'utf8').toString('base64url');
	return output;
}

function decodeToken(token: string): string {
	const key = Buffer.from(token, 'base64url').toString('utf8');
	try {
		const parsed: unknown = JSON.parse(key);
		if (Array.isArray(parsed) && parsed.length === 3) return key;
	} catch {
		// falls through
	}
	throw new CloudWatchError('InvalidParameterValue', 'The value for parameter NextToken is invalid.');
}
