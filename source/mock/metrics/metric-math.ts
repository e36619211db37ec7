// Metric math for GetMetricData's Expression queries: a small subset of
// CloudWatch's, done properly. Supported: numbers; the Ids of other queries
// (metrics or expressions); + - * / ^ and unary minus with the usual
// precedence and parentheses; ABS(x); SUM, AVG, MIN and MAX of an array
// (per timestamp, over the series that have a value there) or of a single
// series (one number: over all its points); arrays as METRICS(),
// METRICS('text') (the metric queries whose Id contains the text) or [m1, m2].
// Between two series an operation keeps the timestamps both have, as
// CloudWatch does; results that are not finite (x/0) are left out. Anything
// else (FILL, RATE, SEARCH, IF, ...) is refused with a message naming what is
// supported. The expression's result must be one time series.

export type Points = Map<number, number>;

export type Node =
	| {type: 'number'; value: number}
	| {type: 'string'; value: string}
	| {type: 'id'; name: string}
	| {type: 'negate'; operand: Node}
	| {type: 'binary'; operator: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node}
	| {type: 'call'; name: string; args: Node[]}
	| {type: 'list'; items: Node[]};

type Value = {kind: 'scalar'; value: number} | {kind: 'series'; points: Points} | {kind: 'array'; series: Points[]};

export class MathError extends Error {}

const supportedFunctions = ['ABS', 'AVG', 'MAX', 'METRICS', 'MIN', 'SUM'];
const supported = 'numbers, query Ids, + - * / ^, ( ), ABS, AVG, MAX, MIN, SUM, METRICS() and [id, ...]';

interface Token {
	kind: 'number' | 'name' | 'string' | 'symbol';
	text: string;
	position: number;
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	const pattern = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|'([^']*)'|"([^"]*)"|([-+*/^()[\],]))/y;
	let position = 0;
	while (position < text.length) {
		if (/^\s*$/.test(text.slice(position))) break;
		pattern.lastIndex = position;
		const match = pattern.exec(text);
		if (match === null) {
			const at = text.slice(position).trimStart();
			throw new MathError(`unexpected character "${at.charAt(0)}" at position ${text.length - at.length + 1}`);
		}
		const start = match.index + (match[0].length - match[0].trimStart().length);
		if (match[1] !== undefined) tokens.push({kind: 'number', text: match[1], position: start});
		else if (match[2] !== undefined) tokens.push({kind: 'name', text: match[2], position: start});
		else if (match[3] !== undefined) tokens.push({kind: 'string', text: match[3], position: start});
		else if (match[4] !== undefined) tokens.push({kind: 'string', text: match[4], position: start});
		else tokens.push({kind: 'symbol', text: match[5] ?? '', position: start});
		position = pattern.lastIndex;
	}
	return tokens;
}

class Parser {
	private index = 0;

	constructor(private readonly tokens: Token[]) {}

	parse(): Node {
		if (this.tokens.length === 0) throw new MathError('the expression is empty');
		const node = this.sum();
		const extra = this.tokens[this.index];
		if (extra !== undefined) throw new MathError(`unexpected "${extra.text}" at position ${extra.position + 1}`);
		return node;
	}

	private peek(text: string): boolean {
		const token = this.tokens[this.index];
		return token !== undefined && token.kind === 'symbol' && token.text === text;
	}

	private expect(text: string): void {
		if (!this.peek(text)) {
			const token = this.tokens[this.index];
			throw new MathError(token === undefined ? `"${text}" expected at the end` : `"${text}" expected at position ${token.position + 1}`);
		}
		this.index += 1;
	}

	private sum(): Node {
		let node = this.product();
		while (this.peek('+') || this.peek('-')) {
			const operator = this.peek('+') ? '+' : '-';
			this.index += 1;
			node = {type: 'binary', operator, left: node, right: this.product()};
		}
		return node;
	}

	private product(): Node {
		let node = this.unary();
		while (this.peek('*') || this.peek('/')) {
			const operator = this.peek('*') ? '*' : '/';
			this.index += 1;
			node = {type: 'binary', operator, left: node, right: this.unary()};
		}
		return node;
	}

	private unary(): Node {
		if (this.peek('-')) {
			this.index += 1;
			return {type: 'negate', operand: this.unary()};
		}
		if (this.peek('+')) {
			this.index += 1;
			return this.unary();
		}
		return this.power();
	}

	private power(): Node {
		const base = this.primary();
		if (!this.peek('^')) return base;
		this.index += 1;
		return {type: 'binary', operator: '^', left: base, right: this.unary()};
	}

	private primary(): Node {
		const token = this.tokens[this.index];
		if (token === undefined) throw new MathError('the expression ends too early');
		this.index += 1;
		if (token.kind === 'number') return {type: 'number', value: Number(token.text)};
		if (token.kind === 'string') return {type: 'string', value: token.text};
		if (token.kind === 'name') {
			if (!this.peek('(')) return {type: 'id', name: token.text};
			if (!supportedFunctions.includes(token.text)) {
				throw new MathError(`${token.text} is not supported by the local CloudWatch (it supports ${supported})`);
			}
			this.index += 1;
			const args: Node[] = [];
			if (!this.peek(')')) {
				args.push(this.sum());
				while (this.peek(',')) {
					this.index += 1;
					args.push(this.sum());
				}
			}
			this.expect(')');
			return {type: 'call', name: token.text, args};
		}
		if (token.text === '(') {
			const node = this.sum();
			this.expect(')');
			return node;
		}
		if (token.text === '[') {
			const items: Node[] = [this.sum()];
			while (this.peek(',')) {
				this.index += 1;
				items.push(this.sum());
			}
			this.expect(']');
			return {type: 'list', items};
		}
		throw new MathError(`unexpected "${token.text}" at position ${token.position + 1}`);
	}
}

export function parseExpression(text: string): Node {
	const node = new Parser(tokenize(text)).parse();
	checkArity(node);
	return node;
}

function checkArity(node: Node): void {
	switch (node.type) {
		case 'negate':
			checkArity(node.operand);
			return;
		case 'binary':
			checkArity(node.left);
			checkArity(node.right);
			return;
		case 'list':
			node.items.forEach(checkArity);
			return;
		case 'call': {
			node.args.forEach(checkArity);
			if (node.name === 'METRICS') {
				const [arg] = node.args;
				if (node.args.length > 1 || (arg !== undefined && arg.type !== 'string')) throw new MathError('METRICS takes no argument or one string');
			} else if (node.args.length !== 1) {
				throw new MathError(`${node.name} takes one argument`);
			}
			return;
		}
		case 'string':
		case 'number':
		case 'id':
			return;
	}
}

/** The Ids an expression refers to by name (METRICS() refers to all metric queries; see usesMetrics). */
export function referencedIds(node: Node): string[] {
	switch (node.type) {
		case 'id':
			return [node.name];
		case 'negate':
			return referencedIds(node.operand);
		case 'binary':
			return [...referencedIds(node.left), ...referencedIds(node.right)];
		case 'list':
			return node.items.flatMap(referencedIds);
		case 'call':
			return node.args.flatMap(referencedIds);
		default:
			return [];
	}
}

export interface MathContext {
	/** The points of the query with this Id (a metric, or another expression's result). */
	series(id: string): Points;
	/** The Ids of the metric (MetricStat) queries, in request order. */
	metricIds: readonly string[];
}

function combine(left: Value, right: Value, operation: (a: number, b: number) => number): Value {
	if (left.kind === 'array' || right.kind === 'array') throw new MathError(`arrays can only be passed to SUM, AVG, MIN or MAX (the local CloudWatch supports ${supported})`);
	if (left.kind === 'scalar' && right.kind === 'scalar') return {kind: 'scalar', value: operation(left.value, right.value)};
	const points: Points = new Map();
	if (left.kind === 'series' && right.kind === 'series') {
		for (const [time, value] of left.points) {
			const other = right.points.get(time);
			if (other !== undefined) points.set(time, operation(value, other));
		}
	} else if (left.kind === 'series' && right.kind === 'scalar') {
		for (const [time, value] of left.points) points.set(time, operation(value, right.value));
	} else if (left.kind === 'scalar' && right.kind === 'series') {
		for (const [time, value] of right.points) points.set(time, operation(left.value, value));
	}
	return {kind: 'series', points};
}

const aggregates: Record<string, (values: number[]) => number> = {
	SUM: (values) => values.reduce((total, value) => total + value, 0),
	AVG: (values) => (values.length === 0 ? NaN : values.reduce((total, value) => total + value, 0) / values.length),
	// Reduced, not spread: a long series would overflow the call stack as arguments.
	MIN: (values) => (values.length === 0 ? NaN : values.reduce((least, value) => Math.min(least, value), Infinity)),
	MAX: (values) => (values.length === 0 ? NaN : values.reduce((most, value) => Math.max(most, value), -Infinity)),
};

function evaluateNode(node: Node, context: MathContext): Value {
	switch (node.type) {
		case 'number':
			return {kind: 'scalar', value: node.value};
		case 'string':
			throw new MathError('a string can only be passed to METRICS');
		case 'id':
			return {kind: 'series', points: context.series(node.name)};
		case 'negate':
			return combine({kind: 'scalar', value: 0}, evaluateNode(node.operand, context), (a, b) => a - b);
		case 'binary': {
			const operations = {
				'+': (a: number, b: number) => a + b,
				'-': (a: number, b: number) => a - b,
				'*': (a: number, b: number) => a * b,
				'/': (a: number, b: number) => a / b,
				'^': (a: number, b: number) => Math.pow(a, b),
			};
			return combine(evaluateNode(node.left, context), evaluateNode(node.right, context), operations[node.operator]);
		}
		case 'list':
			return {
				kind: 'array',
				series: node.items.map((item) => {
					const value = evaluateNode(item, context);
					if (value.kind !== 'series') throw new MathError('the items of [ ] must be time series');
					return value.points;
				}),
			};
		case 'call': {
			if (node.name === 'METRICS') {
				const [filter] = node.args;
				const text = filter?.type === 'string' ? filter.value : '';
				return {kind: 'array', series: context.metricIds.filter((id) => id.includes(text)).map((id) => context.series(id))};
			}
			const [arg] = node.args;
			if (arg === undefined) throw new MathError(`${node.name} takes one argument`);
			const value = evaluateNode(arg, context);
			if (node.name === 'ABS') return combine(value, {kind: 'scalar', value: 0}, (a) => Math.abs(a));
			const aggregate = aggregates[node.name];
			if (aggregate === undefined) throw new MathError(`${node.name} is not supported by the local CloudWatch (it supports ${supported})`);
			if (value.kind === 'scalar') return value;
			if (value.kind === 'series') return {kind: 'scalar', value: aggregate([...value.points.values()])};
			const byTime = new Map<number, number[]>();
			for (const points of value.series) {
				for (const [time, point] of points) {
					const list = byTime.get(time);
					if (list === undefined) byTime.set(time, [point]);
					else list.push(point);
				}
			}
			const points: Points = new Map();
			for (const [time, values] of byTime) points.set(time, aggregate(values));
			return {kind: 'series', points};
		}
	}
}

/** Evaluates an expression to one time series (its non-finite points left out). */
export function evaluateExpression(node: Node, context: MathContext): Points {
	const value = evaluateNode(node, context);
	if (value.kind === 'scalar') throw new MathError('the expression returns a single number; it must return a time series');
	if (value.kind === 'array') throw new MathError('the expression returns several time series; the local CloudWatch supports expressions that return one');
	const points: Points = new Map();
	for (const [time, point] of value.points) if (Number.isFinite(point)) points.set(time, point);
	return points;
}
