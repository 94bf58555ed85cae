import type { CostReport, SpendLine } from './build.js';

export const usd = (x: number): string => `${x < 0 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signedUsd = (x: number) => (x > 0 ? `+${usd(x)}` : usd(x));
const signedPct = (p: number | null) => (p === null ? 'new' : `${p > 0 ? '+' : ''}${p}%`);

/** The report as a readable Markdown page (store, S3, console). */
export function renderMarkdown(r: CostReport): string {
  const out: string[] = [];
  out.push(`# Daily cost report — ${r.date}`, '');
  out.push(`Spend ${r.period.start} → ${r.period.end}: **${usd(r.spend.currentUsd)}** (${signedUsd(r.spend.changeUsd)}, ${signedPct(r.spend.changePct)} vs ${r.previousPeriod.start} → ${r.previousPeriod.end}: ${usd(r.spend.previousUsd)})`, '');
  out.push(`Potential savings: **${usd(r.recommendations.totalMonthlySavingsUsd)}/month** across ${r.recommendations.count} open recommendations.`, '');
  out.push('## Top cost drivers', '');
  if (r.topDrivers.length) out.push(...table(['Service', 'This period', 'Previous', 'Change'], r.topDrivers.map(lineCells)));
  else out.push('No service grew against the previous period.');
  out.push('', '## Spend anomalies', '');
  if (r.anomalies.length) out.push(...table(['Date', 'Service', 'Actual', 'Expected', 'Impact'], r.anomalies.map((a) => [a.date, a.service, usd(a.actualUsd), usd(a.expectedUsd), `${signedUsd(a.impactUsd)} (${signedPct(a.impactPct)})`])));
  else out.push('None detected.');
  out.push('', '## Top recommendations', '');
  if (r.recommendations.top.length) out.push(...table(['Savings/month', 'Rule', 'Resource', 'Action', 'Confidence'], r.recommendations.top.map((x) => [`${usd(x.monthlySavingsUsd)}${x.approximate ? ' ≈' : ''}`, x.ruleId, x.title, x.recommendedAction, x.confidence])));
  else out.push('No open recommendations.');
  out.push('', '## Spend by service', '', ...table(['Service', 'This period', 'Previous', 'Change'], r.byService.map(lineCells)));
  out.push('', `Prices: ${r.prices.region} snapshot as of ${r.prices.asOf}. ≈ marks figures using approximate prices.`, '');
  return out.join('\n');
}

function lineCells(l: SpendLine): string[] {
  return [l.key, usd(l.currentUsd), usd(l.previousUsd), `${signedUsd(l.changeUsd)} (${signedPct(l.changePct)})`];
}

function table(head: string[], rows: string[][]): string[] {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A self-contained HTML page (no scripts, inline styles) for S3 and e-mail. */
export function renderHtml(r: CostReport): string {
  const t = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const section = (title: string, body: string) => `<h2>${escapeHtml(title)}</h2>${body}`;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>Daily cost report ${escapeHtml(r.date)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}.up{color:#b00020}.down{color:#0a7a32}</style>',
    '</head><body>',
    `<h1>Daily cost report — ${escapeHtml(r.date)}</h1>`,
    `<p>Spend ${escapeHtml(r.period.start)} → ${escapeHtml(r.period.end)}: <strong>${escapeHtml(usd(r.spend.currentUsd))}</strong> <span class="${r.spend.changeUsd > 0 ? 'up' : 'down'}">${escapeHtml(`${signedUsd(r.spend.changeUsd)} (${signedPct(r.spend.changePct)})`)}</span> vs previous period ${escapeHtml(usd(r.spend.previousUsd))}.</p>`,
    `<p>Potential savings: <strong>${escapeHtml(usd(r.recommendations.totalMonthlySavingsUsd))}/month</strong> across ${r.recommendations.count} open recommendations.</p>`,
    section('Top cost drivers', r.topDrivers.length ? t(['Service', 'This period', 'Previous', 'Change'], r.topDrivers.map(lineCells)) : '<p>No service grew against the previous period.</p>'),
    section('Spend anomalies', r.anomalies.length ? t(['Date', 'Service', 'Actual', 'Expected', 'Impact'], r.anomalies.map((a) => [a.date, a.service, usd(a.actualUsd), usd(a.expectedUsd), `${signedUsd(a.impactUsd)} (${signedPct(a.impactPct)})`])) : '<p>None detected.</p>'),
    section('Top recommendations', r.recommendations.top.length ? t(['Savings/month', 'Rule', 'Resource', 'Action', 'Confidence'], r.recommendations.top.map((x) => [`${usd(x.monthlySavingsUsd)}${x.approximate ? ' ≈' : ''}`, x.ruleId, x.title, x.recommendedAction, x.confidence])) : '<p>No open recommendations.</p>'),
    section('Spend by service', t(['Service', 'This period', 'Previous', 'Change'], r.byService.map(lineCells))),
    `<p><small>Prices: ${escapeHtml(r.prices.region)} snapshot as of ${escapeHtml(r.prices.asOf)}. ≈ marks figures using approximate prices.</small></p>`,
    '</body></html>',
  ].join('\n');
}

/** Slack Block Kit payload (chat.postMessage / incoming webhook body). */
export function renderSlack(r: CostReport, consoleUrl?: string): { text: string; blocks: Record<string, unknown>[] } {
  const mrkdwn = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } });
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: `Daily cost report — ${r.date}` } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Spend (${r.period.start} → ${r.period.end})*\n${usd(r.spend.currentUsd)} (${signedPct(r.spend.changePct)})` },
        { type: 'mrkdwn', text: `*Potential savings*\n${usd(r.recommendations.totalMonthlySavingsUsd)}/month (${r.recommendations.count} recs)` },
      ],
    },
  ];
  if (r.topDrivers.length) blocks.push(mrkdwn(`*Top drivers*\n${r.topDrivers.map((l) => `• ${l.key}: ${signedUsd(l.changeUsd)} (${signedPct(l.changePct)})`).join('\n')}`));
  blocks.push(mrkdwn(r.anomalies.length ? `*Anomalies*\n${r.anomalies.slice(0, 5).map((a) => `• :warning: ${a.date} ${a.service}: ${usd(a.actualUsd)} vs ${usd(a.expectedUsd)} expected (${signedPct(a.impactPct)})`).join('\n')}` : '*Anomalies*\nNone detected.'));
  if (r.recommendations.top.length) blocks.push(mrkdwn(`*Top recommendations*\n${r.recommendations.top.slice(0, 5).map((x) => `• ${usd(x.monthlySavingsUsd)}/mo — ${x.title}`).join('\n')}`));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Prices: ${r.prices.region} as of ${r.prices.asOf}` }] });
  if (consoleUrl) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open cost page' }, url: consoleUrl }] });
  return { text: `Daily cost report ${r.date}: ${usd(r.spend.currentUsd)} (${signedPct(r.spend.changePct)}), savings ${usd(r.recommendations.totalMonthlySavingsUsd)}/month`, blocks };
}
