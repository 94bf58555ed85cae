import { defineScenario, type DetectionExpectation } from './scenario.js';

/** The checkout ALB's target 5XX, scaled from `startInMinutes` to the end of the three days. */
const creep = (magnitude: number, startInMinutes: number) =>
  ({ type: 'metric', resource: 'checkout-alb', metric: 'HTTPCode_Target_5XX_Count', pattern: 'scale', magnitude, startInMinutes, durationMinutes: 3 * 1440 - startInMinutes }) as const;

/**
 * A slow error-rate creep on checkout: a bad dependency makes a growing share of requests fail,
 * far too few for any static 5XX alarm (the sandbox's baseline is ~1.2 errors a minute out of
 * ~10 000 requests, a burn of about 0.12× the 99.9 % budget). The 5XX count is scaled ×12 (≈ 1.5×
 * the budget rate), then ×24 after 4 hours (≈ 3×), then ×36 after 8 hours (≈ 4.4×), and stays
 * there for three days. The slow-burn tickets fire first — 3d/6h at 1× after ≈ 18.5 hours, 1d/2h
 * at 3× after ≈ 21 hours — while the pages never do (the 6 h window peaks near 4.7×, under 6×):
 * ticket before page, as the SRE Workbook intends for a slow burn.
 */
export default defineScenario<DetectionExpectation>({
  id: 'slo-error-rate-creep',
  title: 'Slow error-rate creep on checkout (SLO burn: ticket, no page)',
  description: 'checkout-alb HTTPCode_Target_5XX_Count scaled ×12, ×24 after 4 h, ×36 after 8 h, for 3 days; the checkout-availability SLO opens slow-burn tickets and never pages.',
  faults: [creep(12, 0), creep(2, 240), creep(1.5, 480)],
  expected: { rule: 'slo-burn-3d-6h', severity: 'SEV-3', detectedBy: 'slo' },
  maxMinutes: 26 * 60,
});
