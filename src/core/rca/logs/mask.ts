/**
 * Masking of the variable parts of a log message before template mining: numbers, hex, UUIDs, IPs,
 * ARNs, timestamps, quoted strings, paths and URLs become typed placeholders, so that
 * `timeout after 3012ms for 10.0.3.12` and `timeout after 2999ms for 10.0.4.7` share one template.
 *
 * Written as a hand-rolled tokenizer with a cheap per-token fast path (most tokens are plain words
 * without digits or special leading characters) because the miner's throughput target is
 * ≥ 200 000 lines/s on one core; regexes only run on tokens that could be variable.
 */

export const MASKS = {
  num: '<NUM>',
  hex: '<HEX>',
  uuid: '<UUID>',
  ip: '<IP>',
  arn: '<ARN>',
  ts: '<TS>',
  str: '<STR>',
  path: '<PATH>',
  url: '<URL>',
  id: '<ID>',
} as const;

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const IP_RE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{1,5})?$/;
const TS_RE = /^(?:\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]?\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?|\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)$/;
const NUM_RE = /^[-+]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:e[-+]?\d+)?(?:ms|us|µs|ns|s|m|h|d|b|kb|mb|gb|tb|kib|mib|gib|%|x)?$/i;
const HEX_RE = /^(?:0x[0-9a-fA-F]+|[0-9a-fA-F]{6,})$/;


/** Classifies one bare token (punctuation already stripped); returns a mask or undefined to keep it. */
export function classifyToken(t: string): string | undefined {
  const c0 = t.charCodeAt(0);
  if (c0 === 97 /* a */ && t.startsWith('arn:')) return MASKS.arn;
  if (c0 === 47 /* / */ && t.length > 1) return MASKS.path;
  if ((c0 === 104 /* h */ || c0 === 115 /* s */) && /^(?:https?|s3):\/\//.test(t)) return MASKS.url;
  let digits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits === 0) {
    if (c0 === 46 /* . */ && t.startsWith('./') && t.length > 2) return MASKS.path;
    // Hex ids made only of letters a-f are indistinguishable from words; keep them.
    return undefined;
  }
  if (t.length === 36 && UUID_RE.test(t)) return MASKS.uuid;
  if (IP_RE.test(t)) return MASKS.ip;
  if (NUM_RE.test(t)) return MASKS.num;
  if (TS_RE.test(t)) return MASKS.ts;
  if (HEX_RE.test(t)) return MASKS.hex;
  if (t.includes('/') && (t.startsWith('./') || /\.[A-Za-z]\w*(?::\d+)*$/.test(t))) return MASKS.path;
  // Mixed identifiers with several digits (i-0abc12de, req-8f3a91, order-1234): variable.
  if (digits >= 2 && t.length >= 4 && /^[\w.:@#$-]+$/.test(t)) return MASKS.id;
  return undefined;
}

const isLeadingPunct = (c: number): boolean => c === 40 || c === 91 || c === 123 || c === 60 || c === 34 || c === 39 || c === 96;
const isTrailingPunct = (c: number): boolean => c === 41 || c === 93 || c === 125 || c === 62 || c === 44 || c === 59 || c === 58 || c === 46 || c === 33 || c === 63 || c === 34 || c === 39 || c === 96;

/** Masks one whitespace-free token, keeping surrounding punctuation and `key=` prefixes. */
export function maskToken(token: string): string {
  // Fast path: a token without digits, `/` or `:` can only be a plain word.
  let special = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 47 || c === 58) {
      special = true;
      break;
    }
  }
  if (!special) return token;
  let start = 0;
  let end = token.length;
  while (start < end && isLeadingPunct(token.charCodeAt(start))) start++;
  while (end > start && isTrailingPunct(token.charCodeAt(end - 1))) end--;
  if (start >= end) return token;
  let core = token.slice(start, end);
  let prefix = token.slice(0, start);
  const c0 = core.charCodeAt(0);
  // URLs, paths and ARNs may themselves contain `=`; classify them whole.
  const whole = c0 === 47 || ((c0 === 104 || c0 === 115) && core.includes('://')) || (c0 === 97 && core.startsWith('arn:'));
  const eq = whole ? -1 : core.indexOf('=');
  if (eq > 0 && eq < core.length - 1) {
    prefix += core.slice(0, eq + 1);
    core = core.slice(eq + 1);
    const c = core.charCodeAt(0);
    if (c === 34 || c === 39) {
      prefix += core[0];
      core = core.slice(1);
      if (core.length === 0) return token;
    }
  }
  const mask = classifyToken(core);
  if (mask === undefined) return token;
  return prefix + mask + token.slice(end);
}

const DOUBLE_QUOTED_RE = /"(?:[^"\\]|\\.)*"/g;
const SINGLE_QUOTED_RE = /(?<=^|[\s=:(,[])'[^'\n]*'/g;

/**
 * Splits a message into masked tokens. Quoted strings are masked as a whole first (they may hold
 * spaces); the quote scan only runs when the line contains a quote character.
 */
export function maskedTokens(message: string, firstToken?: string): string[] {
  let text = message;
  if (text.includes('"')) text = text.replace(DOUBLE_QUOTED_RE, MASKS.str);
  if (text.includes("'")) text = text.replace(SINGLE_QUOTED_RE, MASKS.str);
  const out: string[] = firstToken === undefined ? [] : [firstToken];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (i < n && (c === 32 || c === 9 || c === 10 || c === 13)) c = text.charCodeAt(++i);
    if (i >= n) break;
    const s = i;
    while (i < n && c !== 32 && c !== 9 && c !== 10 && c !== 13) c = text.charCodeAt(++i);
    out.push(maskToken(text.slice(s, i)));
  }
  return out;
}

/** The masked message as one string (useful for display and tests). */
export function maskMessage(message: string): string {
  return maskedTokens(message).join(' ');
}
