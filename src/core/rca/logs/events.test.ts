import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../../ports/logs.js';
import fc from 'fast-check';
import { jsonFields, parseLogEvents, plainLevel, stripHeader } from './events.js';

const ev = (timestamp: number, message: string, logStream = 's1'): LogEvent => ({ timestamp, logGroup: '/g', logStream, message });

describe('Function: parseLogEvents', () => {
  it('reads message, level and a Powertools error object from JSON lines', () => {
    const [e] = parseLogEvents([
      ev(1, JSON.stringify({ level: 'ERROR', message: 'Failed to process order', error: { name: 'TypeError', message: "Cannot read properties of undefined (reading 'id')", stack: 'TypeError: x\n    at handler (/var/task/index.js:10:5)' } })),
    ]);
    expect(e?.level).toBe('ERROR');
    expect(e?.text).toBe("Failed to process order TypeError: Cannot read properties of undefined (reading 'id')");
    expect(e?.stack).toEqual(['at handler (/var/task/index.js:10:5)']);
  });

  it('folds Java stack trace lines into their event and keeps the exception line in the text', () => {
    const out = parseLogEvents([
      ev(1, '2026-11-23 10:00:00 ERROR [main] OrderService - Failed to process order 42'),
      ev(1, 'java.lang.NullPointerException: Cannot invoke "Order.getId()"'),
      ev(1, '\tat com.shop.OrderService.process(OrderService.java:88)'),
      ev(2, 'Caused by: java.io.IOException: boom'),
      ev(3, '2026-11-23 10:00:01 INFO [main] OrderService - next'),
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]?.text).toContain('java.lang.NullPointerException');
    expect(out[0]?.stack).toHaveLength(3);
    expect(out[1]?.level).toBe('INFO');
  });

  it('uses the exception line of a Python traceback as the event text', () => {
    const [e] = parseLogEvents([ev(1, 'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\n    main()\nKeyError: \'order_id\'')]);
    expect(e?.text).toBe("KeyError: 'order_id'");
    expect(e?.level).toBe('ERROR');
  });

  it('does not fold lines of another stream or lines far apart in time', () => {
    const out = parseLogEvents([ev(1, 'ERROR boom'), ev(1, '  at x', 's2'), ev(10_000, '  at y')]);
    expect(out).toHaveLength(3);
  });

  it('does not treat an exception-looking line after an INFO line as a continuation', () => {
    expect(parseLogEvents([ev(1, 'INFO started'), ev(1, 'TypeError: bad')])).toHaveLength(2);
  });
});

describe('Function: plainLevel', () => {
  it.each([
    ['2026-01-01 [ERROR] x', 'ERROR'],
    ['level=warn msg=x', 'WARN'],
    ['panic: runtime error: index out of range', 'FATAL'],
    ['hello world', 'UNKNOWN'],
    ['2026-01-01T00:00:00Z\tabc\tINFO\tdone', 'INFO'],
  ])('reads %j as %s', (line, level) => {
    expect(plainLevel(line)).toBe(level);
  });
});

describe('Function: stripHeader', () => {
  it.each([
    ['2026-11-23 12:00:04.164   WARN 1 --- [http-nio-8080-exec-3] c.m.orders.Service : Slow request GET /x took 3000ms', 'Slow request GET /x took 3000ms'],
    ['2026-11-23T12:00:00.000Z ERROR web[2001]: Failed to write /var/log/a.log', 'Failed to write /var/log/a.log'],
    ['2026-11-23T12:00:00.000Z\t550e8400-e29b-41d4-a716-446655440000\tTask timed out after 6.01 seconds', 'Task timed out after 6.01 seconds'],
    ['2026-11-23 12:00:00 UTC:10.0.1.12(45000):app@orders:[1234]:FATAL:  the database system is shutting down', 'the database system is shutting down'],
    ['[ERROR] boom', 'boom'],
    ['plain message', 'plain message'],
  ])('strips the header of %j', (line, expected) => {
    expect(stripHeader(line)).toBe(expected);
  });
});

describe('Function: jsonFields', () => {
  it.each([
    ['{"level":"WARN","message":"slow request","service":"x"}', 'slow request', 'WARN', undefined],
    ['{"msg":"hello","severity":"error"}', 'hello', 'ERROR', undefined],
    ['{"level":30,"msg":"pino line"}', 'pino line', 'WARN', undefined],
    ['{"level":"INFO","message":"say \\"hi\\" now"}', 'say "hi" now', 'INFO', undefined],
    ['{"level":"ERROR","message":"failed","error":{"name":"TypeError","message":"x is undefined"}}', 'failed', 'ERROR', 'TypeError: x is undefined'],
  ])('reads %s', (line, message, level, extra) => {
    const f = jsonFields(line);
    expect(f?.message).toBe(message);
    expect(f?.level).toBe(level);
    expect(f?.extra).toBe(extra);
  });

  it('agrees with a full parse on generated flat lines', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('INFO', 'WARN', 'ERROR'), (message, level) => {
        const f = jsonFields(JSON.stringify({ level, message, service: 's' }));
        expect(f?.message).toBe(message);
        expect(f?.level).toBe(level);
      }),
    );
  });

  it('returns undefined for broken JSON', () => {
    expect(jsonFields('{not json')).toBeUndefined();
  });
});
