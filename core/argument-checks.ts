/**
 * Checks of what a public function is given, for callers in plain JavaScript, whom no type checker
 * stands behind. A value of the wrong kind throws a TypeError, a value of the right kind out of its
 * range a RangeError; both name the function, the argument (down to the field) and what it must be:
 * `scenarioForSeed: settings.nodeCount must be null or an integer from 1 to 15, got 0`.
 * A mistake is named where it is made rather than found as a crash deep inside a run.
 */

/** What is wrong with an argument: the kind of error it calls for, where inside the argument, what was expected. */
export interface ArgumentProblem {
  /** 'type' throws a TypeError (wrong kind of value, unknown field), 'range' a RangeError (right kind, out of range). */
  readonly kind: 'type' | 'range';
  /** The place inside the argument, after its name: '' for the argument itself, '.durationMs', '[2]'. */
  readonly at: string;
  /** What the value must be, as a phrase ("an integer ≥ 0"); for a field that does not exist, the fields that do. */
  readonly expected: string;
  readonly value: unknown;
  /** True when the field at `at` is not one the argument has. */
  readonly unknownField?: boolean;
}

/** A rule an argument must keep: null when the value keeps it. */
export type ArgumentRule = (value: unknown) => ArgumentProblem | null;

function broken(kind: ArgumentProblem['kind'], expected: string, value: unknown): ArgumentProblem {
  return { kind, at: '', expected, value };
}

/** A problem found inside a part of a value, seen from the whole. */
function inside(at: string, problem: ArgumentProblem | null): ArgumentProblem | null {
  return problem === null ? null : { ...problem, at: `${at}${problem.at}` };
}

export function integer(min: number, max: number = Number.MAX_SAFE_INTEGER): ArgumentRule {
  const expected = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  return (value) => {
    if (typeof value !== 'number') return broken('type', expected, value);
    return Number.isSafeInteger(value) && value >= min && value <= max ? null : broken('range', expected, value);
  };
}

export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** The minimum itself is out of range (a duration > 0). */
  readonly aboveMin?: boolean;
}

/** A finite number within the bounds. */
export function number(bounds: NumberBounds = {}): ArgumentRule {
  const { min, max, aboveMin = false } = bounds;
  const lower = min === undefined ? null : `${aboveMin ? '>' : '≥'} ${min}`;
  const upper = max === undefined ? null : `≤ ${max}`;
  const expected =
    lower !== null && upper !== null
      ? aboveMin
        ? `a number ${lower} and ${upper}`
        : `a number from ${min} to ${max}`
      : lower !== null || upper !== null
        ? `a number ${lower ?? upper}`
        : 'a finite number';
  return (value) => {
    if (typeof value !== 'number') return broken('type', expected, value);
    const inRange = Number.isFinite(value) && (min === undefined || (aboveMin ? value > min : value >= min)) && (max === undefined || value <= max);
    return inRange ? null : broken('range', expected, value);
  };
}

export function string(options: { readonly nonEmpty?: boolean } = {}): ArgumentRule {
  const expected = options.nonEmpty === true ? 'a non-empty string' : 'a string';
  return (value) => {
    if (typeof value !== 'string') return broken('type', expected, value);
    return options.nonEmpty === true && value.trim() === '' ? broken('range', expected, value) : null;
  };
}

export const boolean: ArgumentRule = (value) => (typeof value === 'boolean' ? null : broken('type', 'true or false', value));

export const func: ArgumentRule = (value) => (typeof value === 'function' ? null : broken('type', 'a function', value));

/** One of a few values; a value of another type is a TypeError, one of the right type a RangeError. */
export function oneOf(values: readonly (string | number | boolean)[], expected = `one of ${values.map((value) => JSON.stringify(value)).join(', ')}`): ArgumentRule {
  return (value) => {
    if ((values as readonly unknown[]).includes(value)) return null;
    return broken(values.some((allowed) => typeof allowed === typeof value) ? 'range' : 'type', expected, value);
  };
}

/** An array, each element (if a rule is given) keeping the rule. */
export function arrayOf(element: ArgumentRule | null = null, expected = 'an array'): ArgumentRule {
  return (value) => {
    if (!Array.isArray(value)) return broken('type', expected, value);
    if (element === null) return null;
    for (const [index, item] of value.entries()) {
      const problem = inside(`[${index}]`, element(item));
      if (problem !== null) return problem;
    }
    return null;
  };
}

/** Absent (undefined) or keeping the rule. */
export function optional(rule: ArgumentRule): ArgumentRule {
  return (value) => (value === undefined ? null : rule(value));
}

/** Null or keeping the rule. */
export function nullable(rule: ArgumentRule): ArgumentRule {
  return (value) => {
    if (value === null) return null;
    const problem = rule(value);
    return problem === null || problem.at !== '' ? problem : { ...problem, expected: `null or ${problem.expected}` };
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object of a given kind, recognised by a few of its fields, each keeping its rule; other fields are
 * not looked at. For values raftsim hands out and takes back (a Scenario, a run's result). An object
 * that lacks two or more of the fields is another kind of object altogether, and is named as such.
 */
export function shaped(expected: string, fields: Readonly<Record<string, ArgumentRule>>): ArgumentRule {
  return (value) => {
    if (!isObject(value)) return broken('type', expected, value);
    let first: ArgumentProblem | null = null;
    let missing = 0;
    for (const [name, rule] of Object.entries(fields)) {
      const problem = rule(value[name]);
      if (problem === null) continue;
      first ??= { ...problem, at: `.${name}${problem.at}` };
      if (value[name] === undefined) missing++;
    }
    return missing >= 2 ? broken('type', expected, value) : first;
  };
}

/**
 * An object with no fields but the known ones, those given rules keeping them: a misspelt option is
 * named instead of ignored.
 */
export function onlyFields(expected: string, known: readonly string[], fields: Readonly<Record<string, ArgumentRule>> = {}): ArgumentRule {
  const fieldsKept = shaped(expected, fields);
  return (value) => {
    const problem = fieldsKept(value);
    if (problem !== null) return problem;
    const unknown = Object.keys(value as object).find((name) => !known.includes(name));
    if (unknown === undefined) return null;
    return { kind: 'type', at: `.${unknown}`, expected: known.join(', '), value: (value as Record<string, unknown>)[unknown], unknownField: true };
  };
}

/** An options object: every field it may have, each with its rule (the compiler checks, through T, that none is left out), and no other. */
export function optionsOf<T>(expected: string, fields: { readonly [K in keyof T]-?: ArgumentRule }): ArgumentRule {
  const rules = fields as Readonly<Record<string, ArgumentRule>>;
  return onlyFields(expected, Object.keys(rules), rules);
}

/** A value as an error message shows it: short, and telling what kind of thing it is. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  return `an object with ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
}

/** The error a problem with an argument of a function throws. */
export function argumentError(fn: string, name: string, problem: ArgumentProblem): TypeError | RangeError {
  const where = `${name}${problem.at}`;
  const owner = where.slice(0, where.lastIndexOf('.'));
  const message =
    problem.unknownField === true
      ? `${fn}: ${owner} has no field ${where.slice(owner.length + 1)}; its fields are ${problem.expected}`
      : `${fn}: ${where} must be ${problem.expected}, got ${describeValue(problem.value)}`;
  return problem.kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** Checks each argument of a function against its rule, in order; throws for the first that breaks it. */
export function checkArguments(fn: string, ...checks: readonly (readonly [name: string, value: unknown, rule: ArgumentRule])[]): void {
  for (const [name, value, rule] of checks) {
    const problem = rule(value);
    if (problem !== null) throw argumentError(fn, name, problem);
  }
}

/** The defaults with the fields given in place of theirs; a field given as undefined keeps its default. */
export function withDefaults<T extends object>(defaults: T, given: Partial<T>): T {
  const filled: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [name, value] of Object.entries(given)) if (value !== undefined) filled[name] = value;
  return filled as T;
}
