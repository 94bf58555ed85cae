/**
 * aws:branch choice evaluation. A choice is `{ Variable, <Operator>: value }` or `And` / `Or` /
 * `Not` of choices; variables and values are already interpolated.
 */
const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  NumericEquals: (a, b) => a === b,
  NumericGreater: (a, b) => a > b,
  NumericLesser: (a, b) => a < b,
  NumericGreaterOrEquals: (a, b) => a >= b,
  NumericLesserOrEquals: (a, b) => a <= b,
};

const STRING: Record<string, (a: string, b: string) => boolean> = {
  StringEquals: (a, b) => a === b,
  EqualsIgnoreCase: (a, b) => a.toLowerCase() === b.toLowerCase(),
  StartsWith: (a, b) => a.startsWith(b),
  EndsWith: (a, b) => a.endsWith(b),
  Contains: (a, b) => a.includes(b),
};

export const BRANCH_OPERATORS = [...Object.keys(NUMERIC), ...Object.keys(STRING), 'BooleanEquals'];

function toNumber(x: unknown): number {
  return typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : Number.NaN;
}

function toText(x: unknown): string {
  return typeof x === 'string' ? x : JSON.stringify(x);
}

export function evaluateChoice(choice: Record<string, unknown>): boolean {
  if (Array.isArray(choice.And)) return (choice.And as Record<string, unknown>[]).every(evaluateChoice);
  if (Array.isArray(choice.Or)) return (choice.Or as Record<string, unknown>[]).some(evaluateChoice);
  if (choice.Not !== undefined && typeof choice.Not === 'object' && choice.Not !== null) return !evaluateChoice(choice.Not as Record<string, unknown>);
  const variable = choice.Variable;
  for (const [op, cmp] of Object.entries(NUMERIC)) {
    if (op in choice) {
      const a = toNumber(variable);
      const b = toNumber(choice[op]);
      return !Number.isNaN(a) && !Number.isNaN(b) && cmp(a, b);
    }
  }
  for (const [op, cmp] of Object.entries(STRING)) if (op in choice) return cmp(toText(variable), toText(choice[op]));
  if ('BooleanEquals' in choice) {
    const a = variable === true || variable === 'true' ? true : variable === false || variable === 'false' ? false : undefined;
    return a !== undefined && a === (choice.BooleanEquals === true || choice.BooleanEquals === 'true');
  }
  throw new Error(`choice has no known operator: ${Object.keys(choice).join(', ')}`);
}
