import type { LogEvent } from '../../../ports/logs.js';

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'UNKNOWN'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One application event after JSON decoding and folding of multi-line stack traces. */
export interface ParsedLogEvent {
  timestamp: number;
  logGroup: string;
  logStream?: string;
  level: LogLevel;
  /** What the template is mined from: the message, plus the exception line of a stack trace. */
  text: string;
  /** Continuation lines (stack frames, `Caused by:`…), if any. */
  stack?: string[];
  /** The first raw line of the event (for samples). */
  raw: string;
}

const LEVEL_ALIASES: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  log: 'INFO',
  information: 'INFO',
  notice: 'INFO',
  warn: 'WARN',
  warning: 'WARN',
  error: 'ERROR',
  err: 'ERROR',
  severe: 'ERROR',
  fatal: 'FATAL',
  critical: 'FATAL',
  crit: 'FATAL',
  panic: 'FATAL',
  emerg: 'FATAL',
  alert: 'FATAL',
};

export function normalizeLevel(value: unknown): LogLevel {
  if (typeof value === 'number') return value >= 50 ? 'FATAL' : value >= 40 ? 'ERROR' : value >= 30 ? 'WARN' : value >= 20 ? 'INFO' : 'DEBUG';
  if (typeof value !== 'string') return 'UNKNOWN';
  return LEVEL_ALIASES[value.toLowerCase()] ?? 'UNKNOWN';
}

const PLAIN_LEVEL_RE = /(?:^|[\s[|(:])(TRACE|DEBUG|INFO|LOG|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL|PANIC)(?=$|[\s\]|):])|level=(\w+)/;

/** Level of a plain-text line: the first level word near the start (`[ERROR]`, `level=warn`, `panic:`). */
export function plainLevel(line: string): LogLevel {
  const head = line.length > 120 ? line.slice(0, 120) : line;
  const m = PLAIN_LEVEL_RE.exec(head);
  if (m) return normalizeLevel(m[1] ?? m[2]);
  if (head.startsWith('panic:') || head.startsWith('fatal error:')) return 'FATAL';
  if (head.startsWith('Traceback')) return 'ERROR';
  return 'UNKNOWN';
}

const HEADER_TOKEN_RE = /^(?:\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)?Z?|\d{2}:\d{2}:\d{2}(?:[.,]\d+)?|[+-]\d{4}|UTC|GMT|\[[^\]]*\]|\[?(?:TRACE|DEBUG|INFO|LOG|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL)\]?:?|[\w.-]+\[\d+\]:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|---|UTC:\S*:)$/;

/**
 * Drops the line header (timestamp, level, pid, thread, logger) of a plain-text line: it is the
 * same on every line, and long constant headers make unrelated messages look similar to the
 * template miner. Spring's `… --- [thread] logger : message` is cut at the ` : `.
 */
export function stripHeader(line: string): string {
  const spring = line.indexOf(' --- [');
  if (spring >= 0) {
    const colon = line.indexOf(' : ', spring);
    if (colon >= 0) return line.slice(colon + 3);
  }
  let i = 0;
  for (let k = 0; k < 8 && i < line.length; k++) {
    while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    let j = i;
    while (j < line.length && line.charCodeAt(j) !== 32 && line.charCodeAt(j) !== 9) j++;
    const tok = line.slice(i, j);
    if (!HEADER_TOKEN_RE.test(tok)) break;
    i = j;
  }
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i < line.length ? line.slice(i) : line;
}

const FRAME_RE = /^(?:at\s|\.\.\.\s\d+\s(?:more|common)|File\s"|goroutine\s\d+|Caused by:|Traceback\s|#\d+\s)/;
const EXCEPTION_RE = /^(?:Caused by:\s)?[\w$.]*(?:Exception|Error|Panic|Fault|Killed)\b/;

/** Whether a raw line continues the previous event (indented, a frame, `Caused by:`, an exception line). */
export function isContinuation(line: string, previousOpen: boolean): boolean {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) return true;
  if (FRAME_RE.test(line)) return true;
  return previousOpen && EXCEPTION_RE.test(line);
}

interface JsonFields {
  message: string;
  level: LogLevel;
  extra?: string;
  stack?: string[];
}

/** A top-level string field read without parsing; null when only a full parse can tell. */
function quickString(line: string, key: string): string | undefined | null {
  const k = line.indexOf(key);
  if (k < 0) return undefined;
  const start = k + key.length;
  const end = line.indexOf('"', start);
  if (end < 0) return null;
  const v = line.slice(start, end);
  return v.includes('\\') ? null : v;
}

/**
 * Fast path for the common flat shape (`{"level":"INFO","message":"…",…}` without an error object
 * or escapes): two indexOf scans instead of JSON.parse, which dominates decoding otherwise.
 */
function quickJsonFields(line: string): JsonFields | null {
  if (line.includes('"error"') || line.includes('"err"') || line.includes('"exception"') || line.includes('"stack')) return null;
  const message = quickString(line, '"message":"') ?? quickString(line, '"msg":"');
  if (typeof message !== 'string') return null;
  const level = quickString(line, '"level":"') ?? quickString(line, '"levelname":"') ?? quickString(line, '"severity":"');
  if (level === null || (level === undefined && line.includes('"level":'))) return null;
  return { message, level: normalizeLevel(level) };
}

/** Reads message/level (and a Powertools-style `error` object) from a JSON log line. */
export function jsonFields(line: string): JsonFields | undefined {
  const quick = quickJsonFields(line);
  if (quick) return quick;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  const msg = o.message ?? o.msg ?? o.log ?? o.textPayload ?? o.event;
  const message = typeof msg === 'string' ? msg : msg === undefined ? '' : JSON.stringify(msg);
  const level = normalizeLevel(o.level ?? o.levelname ?? o.severity ?? o.lvl ?? o.log_level);
  const err = o.error ?? o.err ?? o.exception;
  const out: JsonFields = { message, level };
  if (typeof err === 'string') out.extra = err;
  else if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    const name = typeof e.name === 'string' ? e.name : typeof e.type === 'string' ? e.type : '';
    const em = typeof e.message === 'string' ? e.message : '';
    out.extra = name && em ? `${name}: ${em}` : name || em;
    if (typeof e.stack === 'string') out.stack = e.stack.split('\n').slice(1).map((s) => s.trim()).filter(Boolean);
  }
  const stack = o.stack ?? o.stackTrace ?? o.stack_trace;
  if (!out.stack && typeof stack === 'string') out.stack = stack.split('\n').map((s) => s.trim()).filter(Boolean);
  if (!out.stack && Array.isArray(stack)) out.stack = stack.map(String);
  return out;
}

function exceptionLine(stack: readonly string[]): string | undefined {
  for (const s of stack) {
    const t = s.trim();
    if (EXCEPTION_RE.test(t)) return t.startsWith('Caused by: ') ? t.slice(11) : t;
  }
  return undefined;
}

function finish(head: string, level: LogLevel, lines: string[], e: LogEvent, jsonExtra?: string): ParsedLogEvent {
  let text = head;
  if (jsonExtra && !head.includes(jsonExtra)) text = text ? `${text} ${jsonExtra}` : jsonExtra;
  const exc = lines.length > 0 ? exceptionLine(lines) : undefined;
  // A bare `Traceback …:` head says nothing; the exception line is the event.
  if (exc && head.startsWith('Traceback')) text = exc;
  else if (exc && !text.includes(exc)) text = `${text} ${exc}`;
  const ev: ParsedLogEvent = { timestamp: e.timestamp, logGroup: e.logGroup, level, text, raw: e.message.length > 500 ? e.message.slice(0, 500) : e.message };
  if (e.logStream !== undefined) ev.logStream = e.logStream;
  if (lines.length > 0) ev.stack = lines;
  return ev;
}

const NO_LINES: string[] = [];

/** How far apart (ms) a continuation line may be from its event and still be folded into it. */
export const FOLD_WINDOW_MS = 2_000;

/**
 * Decodes raw log events into application events: JSON lines use their message/level fields;
 * plain-text continuation lines (stack frames, `Caused by:`, exception lines after an error) are
 * folded into the preceding event of the same stream. Input order within a stream is kept.
 */
export function parseLogEvents(events: readonly LogEvent[]): ParsedLogEvent[] {
  const out: ParsedLogEvent[] = [];
  // One reusable slot per stream holds the event being built, so interleaved streams fold
  // correctly; slots are mutated rather than reallocated (this loop runs once per log line).
  type Slot = { e: LogEvent | undefined; head: string; level: LogLevel; lines: string[] | undefined; extra: string | undefined; index: number };
  const streams = new Map<string, Map<string, Slot>>();
  const flush = (b: Slot): void => {
    if (b.e) out[b.index] = finish(b.head, b.level, b.lines ?? NO_LINES, b.e, b.extra);
    b.e = undefined;
  };
  for (const e of events) {
    let byStream = streams.get(e.logGroup);
    if (!byStream) {
      byStream = new Map();
      streams.set(e.logGroup, byStream);
    }
    const streamKey = e.logStream ?? '';
    let slot = byStream.get(streamKey);
    if (!slot) {
      slot = { e: undefined, head: '', level: 'UNKNOWN', lines: undefined, extra: undefined, index: 0 };
      byStream.set(streamKey, slot);
    }
    const msg = e.message;
    const firstNl = msg.indexOf('\n');
    const first = firstNl >= 0 ? msg.slice(0, firstNl) : msg;
    const c0 = first.charCodeAt(0);
    if (slot.e && e.timestamp - slot.e.timestamp <= FOLD_WINDOW_MS && first.length > 0 && c0 !== 123 && isContinuation(first, slot.level === 'ERROR' || slot.level === 'FATAL' || slot.lines !== undefined)) {
      const lines = (slot.lines ??= []);
      if (firstNl < 0) lines.push(msg.trim());
      else for (const l of msg.split('\n')) if (l.trim()) lines.push(l.trim());
      continue;
    }
    flush(slot);
    let head = first;
    let level: LogLevel;
    let extra: string | undefined;
    let lines: string[] | undefined;
    if (c0 === 123 /* { */) {
      const j = jsonFields(msg);
      if (j) {
        head = j.message;
        level = j.level;
        extra = j.extra;
        if (j.stack && j.stack.length > 0) lines = j.stack.slice();
      } else level = plainLevel(head);
    } else {
      head = head.trimEnd();
      level = plainLevel(head);
      head = stripHeader(head);
    }
    if (firstNl >= 0 && lines === undefined) {
      lines = [];
      for (const l of msg.slice(firstNl + 1).split('\n')) if (l.trim()) lines.push(l.trim());
    }
    slot.e = e;
    slot.head = head;
    slot.level = level;
    slot.lines = lines;
    slot.extra = extra;
    slot.index = out.length;
    out.push(undefined as unknown as ParsedLogEvent);
  }
  for (const byStream of streams.values()) for (const slot of byStream.values()) flush(slot);
  return out;
}
