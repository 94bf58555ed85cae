/**
 * The JSONPath subset SSM uses in Selector and PropertySelector: `$`, `.key`, `[n]`, `['key']`.
 * Returns undefined when the path does not resolve.
 */
export function selectPath(root: unknown, selector: string): unknown {
  if (!selector.startsWith('$')) return undefined;
  const tokens: (string | number)[] = [];
  const re = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < selector.length) {
    const m = re.exec(selector);
    if (!m) return undefined;
    if (m[1] !== undefined) tokens.push(m[1]);
    else if (m[2] !== undefined) tokens.push(Number(m[2]));
    else tokens.push(m[3] ?? m[4] ?? '');
  }
  let cur: unknown = root;
  for (const t of tokens) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = typeof t === 'number' ? (Array.isArray(cur) ? cur[t] : undefined) : (cur as Record<string, unknown>)[t];
  }
  return cur;
}

/** Converts a selected value to the declared output type, as SSM does; undefined when it cannot. */
export function coerceOutput(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'String':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'Integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      return Number.isInteger(n) ? n : undefined;
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'StringList':
      return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : undefined;
    case 'StringMap':
      return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
    case 'MapList':
      return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null) ? value : undefined;
    default:
      return undefined;
  }
}
