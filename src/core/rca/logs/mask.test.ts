import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyToken, maskMessage, maskedTokens } from './mask.js';

describe('Function: maskMessage', () => {
  it.each([
    ['request took 3012ms', 'request took <NUM>'],
    ['connect ECONNREFUSED 10.0.3.12:5432', 'connect ECONNREFUSED <IP>'],
    ['id=550e8400-e29b-41d4-a716-446655440000 done', 'id=<UUID> done'],
    ['ptr 0x7ffde4a1 freed', 'ptr <HEX> freed'],
    ['denied on arn:aws:dynamodb:eu-west-1:123456789012:table/orders', 'denied on <ARN>'],
    ['at 2026-11-23T10:00:01.123Z start', 'at <TS> start'],
    ['user "john smith" logged in', 'user <STR> logged in'],
    ["key 'a b c' missing", 'key <STR> missing'],
    ['open /var/log/app.log failed', 'open <PATH> failed'],
    ['GET https://api.example.com/v1/orders?id=3 200', 'GET <URL> <NUM>'],
    ['instance i-0abc123def456 stopped', 'instance <ID> stopped'],
    ['(count=42), status: 503.', '(count=<NUM>), status: <NUM>.'],
    ["can't connect to db", "can't connect to db"],
    ['NullPointerException in OrderService', 'NullPointerException in OrderService'],
  ])('masks %j as %j', (input, expected) => {
    expect(maskMessage(input)).toBe(expected);
  });

  it('keeps words without digits untouched and splits on tabs', () => {
    expect(maskedTokens('a\tb  c')).toEqual(['a', 'b', 'c']);
  });

  it('is idempotent on any printable text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = maskMessage(s);
        expect(maskMessage(once)).toBe(once);
      }),
    );
  });
});

describe('Function: classifyToken', () => {
  it.each([
    ['log4j', undefined],
    ['HTTP/1.1', undefined],
    ['42', '<NUM>'],
    ['12.5%', '<NUM>'],
    ['deadbeef01', '<HEX>'],
  ])('classifies %j as %j', (t, m) => {
    expect(classifyToken(t)).toBe(m);
  });
});
