import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DrainMiner, WILDCARD } from './drain.js';

describe('Class: DrainMiner', () => {
  it('joins messages that differ only in masked values into one template', () => {
    const m = new DrainMiner();
    const a = m.add('Request timed out after 3012ms on 10.0.0.1');
    const b = m.add('Request timed out after 29ms on 10.0.0.7');
    expect(a.id).toBe(b.id);
    expect(m.template(a.id)).toBe('Request timed out after <NUM> on <IP>');
    expect(a.size).toBe(2);
  });

  it('generalizes differing words into wildcards when similarity is reached', () => {
    const m = new DrainMiner();
    const a = m.add('login ok for alice from web');
    m.add('login ok for bob from web');
    expect(m.template(a.id)).toBe(`login ok for ${WILDCARD} from web`);
  });

  it('keeps messages of different length or leading tokens apart', () => {
    const m = new DrainMiner();
    const ids = new Set([m.add('order created').id, m.add('order created twice').id, m.add('payment created').id]);
    expect(ids.size).toBe(3);
  });

  it('keeps dissimilar messages apart below the threshold', () => {
    const m = new DrainMiner({ similarity: 0.5 });
    const a = m.add('Connection refused by upstream service now');
    const b = m.add('Connection pool exhausted waiting slot timeout');
    expect(a.id).not.toBe(b.id);
  });

  it('routes into the wildcard branch once a node is full', () => {
    const m = new DrainMiner({ maxChildren: 2, depth: 3 });
    m.add('alpha x y');
    m.add('beta x y');
    const c = m.add('gamma x y');
    const d = m.add('delta x y');
    expect(c.id).toBe(d.id);
    expect(m.template(c.id)).toBe(`${WILDCARD} x y`);
  });

  it('always returns a cluster whose template has the message length and covers it', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', '1', '22', 'x y'), { minLength: 1, maxLength: 6 }), { maxLength: 40 }), (msgs) => {
        const m = new DrainMiner();
        for (const parts of msgs) {
          const msg = parts.join(' ');
          const c = m.add(msg);
          const tokens = msg.split(' ').filter(Boolean);
          expect(c.tokens.length).toBe(tokens.length);
        }
        expect(m.clusters().reduce((s, c) => s + c.size, 0)).toBe(msgs.length);
      }),
    );
  });
});
