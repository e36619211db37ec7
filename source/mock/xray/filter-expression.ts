// X-Ray filter expressions (GetTraceSummaries' FilterExpression; "Use filter
// expressions" in the X-Ray Developer Guide), the part the local X-Ray
// understands, parsed into a predicate over a trace's facts:
//
//   boolean keywords   ok, error, fault, throttle, partial
//   numbers (seconds)  responsetime, duration; http.status   with = != < <= > >=
//   strings            http.url, http.method, http.useragent, http.clientip,
//                      resource.arn, user   with = != CONTAINS BEGINSWITH ENDSWITH
//   annotations        annotation.<key> compared with a string, a number, true or false
//   services           service(), service("name"), service(id(name: "name", type: "AWS::Lambda::Function"))
//   combined with      AND (&&), OR (||), NOT (!), parentheses
//
// Keywords and operators are case-insensitive, values are not. Anything else
// (edge(), group, rootcause, service-scoped braces ...) is refused with an
// InvalidRequestException that names it, never silently ignored.

import {invalidRequest, XRayError} from './errors.js';

/** What a filter looks at in one trace. */
export interface TraceFacts {
	hasFault: boolean;
	hasError: boolean;
	hasThrottle: boolean;
	isPartial: boolean;
	/** Seconds; undefined when the root segment is still in progress. */
	responseTime: number | undefined;
	/** Seconds. */
	duration: number;
	http: {status?: number; method?: string; url?: string; userAgent?: string; clientIp?: string};
	services: Array<{name: string; type: string | undefined}>;
	resourceArns: string[];
	users: string[];
	annotations: Array<{key: string; value: string | number | boolean}>;
}

export type TracePredicate = (facts: TraceFacts) => boolean;

type Token =
	| {kind: 'word'; text: string; at: number}
	| {kind: 'string'; text: string; at: number}
	| {kind: 'number'; value: number; at: number}
	| {kind: 'symbol'; text: string; at: number}
	| {kind: 'end'; at: number};

const supported =
	'ok, error, fault, throttle, partial, responsetime, duration, http.status, http.url, http.method, http.useragent, http.clientip, resource.arn, user, annotation.<key>, service() and id(name:, type:), with AND, OR, NOT and parentheses';

function syntaxError(expression: string, at: number, expected: string): XRayError {
	return invalidRequest(`Invalid filter expression "${expression}": expected ${expected} at position ${at}`);
}

function tokenize(expression: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < expression.length) {
		const character = expression[index] ?? '';
		if (/\s/.test(character)) {
			index += 1;
			continue;
		}
		const at = index;
		if (character === '"') {
			let value = '';
			index += 1;
			for (;;) {
				const next = expression[index];
				if (next === undefined) throw syntaxError(expression, at, 'a closing quote for the string starting');
				index += 1;
				if (next === '"') break;
				if (next === '\\') {
					const escaped = expression[index];
					if (escaped === undefined) throw syntaxError(expression, at, 'a closing quote for the string starting');
					value += escaped;
					index += 1;
					continue;
				}
				value += next;
			}
			tokens.push({kind: 'string', text: value, at});
			continue;
		}
		const number = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(expression.slice(index));
		if (number !== null && (character !== '-' || /\d/.test(expression[index + 1] ?? ''))) {
			tokens.push({kind: 'number', value: Number(number[0]), at});
			index += number[0].length;
			continue;
		}
		const word = /^[A-Za-z_][A-Za-z0-9_.\-:]*/.exec(expression.slice(index));
		if (word !== null) {
			// "name:" inside id(...) is a word followed by a colon.
			const text = word[0].endsWith(':') ? word[0].slice(0, -1) : word[0];
			tokens.push({kind: 'word', text, at});
			index += text.length;
			continue;
		}
		const symbol = /^(?:!=|<=|>=|&&|\|\||[=<>!(),:{}])/.exec(expression.slice(index));
		if (symbol === null) throw syntaxError(expression, at, `a keyword, value or operator, not "${character}",`);
		tokens.push({kind: 'symbol', text: symbol[0], at});
		index += symbol[0].length;
	}
	tokens.push({kind: 'end', at: expression.length});
	return tokens;
}

type NumberOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
type StringOperator = '=' | '!=' | 'contains' | 'beginswith' | 'endswith';

function isNumberOperator(operator: string): operator is NumberOperator {
	return ['=', '!=', '<', '<=', '>', '>='].includes(operator);
}

function isStringOperator(operator: string): operator is StringOperator {
	return ['=', '!=', 'contains', 'beginswith', 'endswith'].includes(operator);
}

function compareNumber(left: number | undefined, operator: NumberOperator, right: number): boolean {
	if (left === undefined) return false;
	switch (operator) {
		case '=':
			return left === right;
		case '!=':
			return left !== right;
		case '<':
			return left < right;
		case '<=':
			return left <= right;
		case '>':
			return left > right;
		case '>=':
			return left >= right;
	}
}

function compareString(left: string | undefined, operator: StringOperator, right: string): boolean {
	if (left === undefined) return false;
	switch (operator) {
		case '=':
			return left === right;
		case '!=':
			return left !== right;
		case 'contains':
			return left.includes(right);
		case 'beginswith':
			return left.startsWith(right);
		case 'endswith':
			return left.endsWith(right);
	}
}

const numberKeywords: Record<string, (facts: TraceFacts) => number | undefined> = {
	responsetime: (facts) => facts.responseTime,
	duration: (facts) => facts.duration,
	'http.status': (facts) => facts.http.status,
};

const stringKeywords: Record<string, (facts: TraceFacts) => Array<string | undefined>> = {
	'http.url': (facts) => [facts.http.url],
	'http.method': (facts) => [facts.http.method],
	'http.useragent': (facts) => [facts.http.userAgent],
	'http.clientip': (facts) => [facts.http.clientIp],
	'resource.arn': (facts) => facts.resourceArns,
	user: (facts) => facts.users,
};

const booleanKeywords: Record<string, TracePredicate> = {
	ok: (facts) => !facts.hasFault && !facts.hasError && !facts.hasThrottle,
	error: (facts) => facts.hasError,
	fault: (facts) => facts.hasFault,
	throttle: (facts) => facts.hasThrottle,
	partial: (facts) => facts.isPartial,
};

class Parser {
	private position = 0;

	constructor(
		private readonly expression: string,
		private readonly tokens: Token[],
	) {}

	parse(): TracePredicate {
		const predicate = this.or();
		const next = this.peek();
		if (next.kind !== 'end') throw this.unexpected(next, 'AND, OR or the end of the expression');
		return predicate;
	}

	private peek(): Token {
		return this.tokens[this.position] ?? {kind: 'end', at: this.expression.length};
	}

	private take(): Token {
		const token = this.peek();
		if (token.kind !== 'end') this.position += 1;
		return token;
	}

	private isWord(token: Token, ...words: string[]): boolean {
		return token.kind === 'word' && words.includes(token.text.toLowerCase());
	}

	private isSymbol(token: Token, ...symbols: string[]): boolean {
		return token.kind === 'symbol' && symbols.includes(token.text);
	}

	private unexpected(token: Token, expected: string): XRayError {
		if (token.kind === 'symbol' && (token.text === '{' || token.text === '}')) {
			return invalidRequest(`Unsupported filter expression syntax "${token.text}" at position ${token.at}: the local X-Ray does not support service-scoped filters. It supports ${supported}.`);
		}
		return syntaxError(this.expression, token.at, expected);
	}

	private expectSymbol(symbol: string): void {
		const token = this.take();
		if (!this.isSymbol(token, symbol)) throw this.unexpected(token, `"${symbol}"`);
	}

	private or(): TracePredicate {
		const terms = [this.and()];
		while (this.isWord(this.peek(), 'or') || this.isSymbol(this.peek(), '||')) {
			this.take();
			terms.push(this.and());
		}
		return terms.length === 1 ? (terms[0] as TracePredicate) : (facts) => terms.some((term) => term(facts));
	}

	private and(): TracePredicate {
		const terms = [this.not()];
		while (this.isWord(this.peek(), 'and') || this.isSymbol(this.peek(), '&&')) {
			this.take();
			terms.push(this.not());
		}
		return terms.length === 1 ? (terms[0] as TracePredicate) : (facts) => terms.every((term) => term(facts));
	}

	private not(): TracePredicate {
		if (this.isWord(this.peek(), 'not') || this.isSymbol(this.peek(), '!')) {
			this.take();
			const inner = this.not();
			return (facts) => !inner(facts);
		}
		return this.primary();
	}

	private primary(): TracePredicate {
		const token = this.take();
		if (this.isSymbol(token, '(')) {
			const inner = this.or();
			this.expectSymbol(')');
			return inner;
		}
		if (token.kind !== 'word') throw this.unexpected(token, 'a keyword');
		const keyword = token.text.toLowerCase();
		const flag = booleanKeywords[keyword];
		if (flag !== undefined) return flag;
		const numberOf = numberKeywords[keyword];
		if (numberOf !== undefined) {
			const operator = this.numberOperator();
			const value = this.take();
			if (value.kind !== 'number') throw this.unexpected(value, `a number after ${token.text} ${operator}`);
			return (facts) => compareNumber(numberOf(facts), operator, value.value);
		}
		const stringsOf = stringKeywords[keyword];
		if (stringsOf !== undefined) {
			const operator = this.stringOperator();
			const value = this.take();
			if (value.kind !== 'string') throw this.unexpected(value, `a quoted string after ${token.text} ${operator}`);
			return (facts) => stringsOf(facts).some((left) => compareString(left, operator, value.text));
		}
		if (keyword.startsWith('annotation.') && keyword.length > 'annotation.'.length) return this.annotation(token.text.slice('annotation.'.length));
		if (keyword === 'service') return this.service();
		if (keyword === 'id') return this.serviceId();
		throw invalidRequest(`Unsupported filter expression keyword "${token.text}" at position ${token.at}: the local X-Ray supports ${supported}.`);
	}

	private numberOperator(): NumberOperator {
		const token = this.take();
		if (token.kind === 'symbol' && isNumberOperator(token.text)) return token.text;
		throw this.unexpected(token, 'a comparison operator (= != < <= > >=)');
	}

	private stringOperator(): StringOperator {
		const token = this.take();
		if (token.kind === 'symbol' || token.kind === 'word') {
			const operator = token.kind === 'word' ? token.text.toLowerCase() : token.text;
			if (isStringOperator(operator)) return operator;
		}
		throw this.unexpected(token, 'an operator (= != CONTAINS BEGINSWITH ENDSWITH)');
	}

	private annotation(key: string): TracePredicate {
		const operatorToken = this.take();
		const operator = operatorToken.kind === 'symbol' || operatorToken.kind === 'word' ? operatorToken.text.toLowerCase() : '';
		const value = this.take();
		const has = (test: (candidate: string | number | boolean) => boolean): TracePredicate => (facts) =>
			facts.annotations.some((annotation) => annotation.key === key && test(annotation.value));
		if (value.kind === 'string' && isStringOperator(operator)) {
			return has((candidate) => typeof candidate === 'string' && compareString(candidate, operator, value.text));
		}
		if (value.kind === 'number' && isNumberOperator(operator)) {
			return has((candidate) => typeof candidate === 'number' && compareNumber(candidate, operator, value.value));
		}
		if (value.kind === 'word' && this.isWord(value, 'true', 'false') && (operator === '=' || operator === '!=')) {
			const wanted = value.text.toLowerCase() === 'true';
			return has((candidate) => typeof candidate === 'boolean' && (operator === '=' ? candidate === wanted : candidate !== wanted));
		}
		if (!isStringOperator(operator) && !isNumberOperator(operator)) throw this.unexpected(operatorToken, 'an operator (= != < <= > >= CONTAINS BEGINSWITH ENDSWITH)');
		throw this.unexpected(value, `a value that ${operatorToken.kind === 'word' || operatorToken.kind === 'symbol' ? operatorToken.text : 'the operator'} can compare (a string, a number, true or false)`);
	}

	/** service(), service("name") or service(id(...)); "(" not yet taken. */
	private service(): TracePredicate {
		this.expectSymbol('(');
		const next = this.peek();
		if (this.isSymbol(next, ')')) {
			this.take();
			return (facts) => facts.services.length > 0;
		}
		let predicate: TracePredicate;
		if (next.kind === 'string') {
			this.take();
			predicate = (facts) => facts.services.some((service) => service.name === next.text);
		} else if (this.isWord(next, 'id')) {
			this.take();
			predicate = this.serviceId();
		} else {
			throw this.unexpected(next, 'a quoted service name or id(...)');
		}
		this.expectSymbol(')');
		return predicate;
	}

	/** id(name: "...", type: "..."), "id" already taken. */
	private serviceId(): TracePredicate {
		this.expectSymbol('(');
		let name: string | undefined;
		let type: string | undefined;
		while (!this.isSymbol(this.peek(), ')')) {
			const field = this.take();
			if (!this.isWord(field, 'name', 'type')) throw this.unexpected(field, 'name: or type:');
			this.expectSymbol(':');
			const value = this.take();
			if (value.kind !== 'string') throw this.unexpected(value, 'a quoted string');
			if (field.kind === 'word' && field.text.toLowerCase() === 'name') name = value.text;
			else type = value.text;
			if (this.isSymbol(this.peek(), ',')) this.take();
		}
		this.take();
		return (facts) => facts.services.some((service) => (name === undefined || service.name === name) && (type === undefined || service.type === type));
	}
}

/** The predicate of a filter expression; throws InvalidRequestException for what it cannot read or does not support. */
export function parseFilterExpression(expression: string): TracePredicate {
	if (expression.trim() === '') return () => true;
	return new Parser(expression, tokenize(expression)).parse();
}
