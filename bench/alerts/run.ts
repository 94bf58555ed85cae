import { argValue, finishBenchmark, hasFlag, peakRssMb } from '../lib/report.js';
import { runAlertmanager, type AlertmanagerRow } from './alertmanager.js';
import { generateStorm } from './generator.js';
import { postStorm, runHttpRow, type HttpRow } from './http.js';
import { measureDeferred, measureStatusChanges, runPipeline } from './pipeline.js';

/**
 * `npm run bench:alerts [-- --events 100000 --seed 7 --skip-alertmanager --skip-http --via http --http-url URL --http-token T]`
 * The alert storm through the full pipeline, side by side with Debian's prometheus-alertmanager.
 */
const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};

/**
 * The HTTP-API row: `--via http` starts the product's server in-process (127.0.0.1, operator
 * token); `--http-url URL` posts to a running one instead (`aiops start`, then
 * `--http-url http://127.0.0.1:3000/api/v1/signals/batch --http-token <token>`).
 */
async function httpRow(raws: unknown[], start: number): Promise<HttpRow> {
  const url = argValue('http-url');
  const token = argValue('http-token');
  if (url) return postStorm(url, raws, token ? { authorization: `Bearer ${token}` } : {});
  if (argValue('via') === 'http' || !hasFlag('skip-http')) return runHttpRow(raws, start, log);
  return { skipped: 'skipped by --skip-http', events: 0, requests: 0, batch: 0, seconds: 0, eventsPerS: 0, accepted: 0, duplicate: 0, quarantined: 0 };
}

async function main(): Promise<void> {
  const seed = Number(argValue('seed', '7'));
  const target = Number(argValue('events', '100000'));
  const storm = generateStorm({ seed, targetEvents: target });
  log(`storm: ${storm.events.length} raw events, ${storm.problems.length} problems (seed ${seed})`);

  const ours = await runPipeline(storm, log);
  log(`pipeline: ${Math.round(ours.eventsPerS)} events/s, ${ours.incidents} incidents, ${ours.notifications} notifications, recall ${ours.incidentRecall}, precision ${ours.incidentPrecision.toFixed(3)}`);
  if (ours.missedProblems.length) log(`missed problems: ${ours.missedProblems.join(', ')}`);
  if (Object.keys(ours.splitProblems).length) log(`problems split over several incidents: ${JSON.stringify(ours.splitProblems)}`);

  const deferred = hasFlag('skip-deferred') ? undefined : await measureDeferred(storm);
  if (deferred) log(`deferred: accepted durably at ${Math.round(deferred.acceptEventsPerS)} events/s, backlog of ${deferred.pending} entries processed at ${Math.round(deferred.processEventsPerS)}/s (${deferred.signals} signals, ${deferred.unprocessedSignals} left unprocessed, ${deferred.malformedQuarantined} malformed deliveries quarantined)`);
  if (deferred && deferred.malformedQuarantined !== ours.malformed) log(`deferred path quarantined ${deferred.malformedQuarantined} of ${ours.malformed} malformed events`);
  // The comparison is the durable accept rate (Alertmanager's figure is its accept rate too).
  const acceptPerS = deferred?.acceptEventsPerS ?? ours.eventsPerS;

  const status = await measureStatusChanges(Number(argValue('open-alerts', '10000')), log);
  log(`status changes: p50 ${status.p50Ms.toFixed(2)} ms, p99 ${status.p99Ms.toFixed(2)} ms over ${status.ops} ops with ${status.openAlerts} open alerts`);

  const http = await httpRow(storm.events.map((e) => e.raw), storm.start - 60_000);
  if (http.skipped) log(`http row skipped: ${http.skipped}`);
  else log(`http: ${Math.round(http.eventsPerS)} events/s over ${http.requests} requests (${http.accepted} accepted, ${http.duplicate} duplicate, ${http.quarantined} quarantined)`);

  let am: AlertmanagerRow = { skipped: 'skipped by --skip-alertmanager', alerts: 0, events: 0, seconds: 0, eventsPerS: 0, notifications: 0 };
  if (!hasFlag('skip-alertmanager')) am = await runAlertmanager(storm, log);
  if (am.skipped) log(`alertmanager row skipped: ${am.skipped}`);
  else log(`alertmanager ${am.version}: ${Math.round(am.eventsPerS)} events/s (${am.alerts} alerts), ${am.notifications} notifications`);

  const rows = [
    { row: 'matcarv-aiops (durable accept, defer)', events_per_s: Math.round(deferred?.acceptEventsPerS ?? 0), notifications: 'after processPending' },
    { row: 'matcarv-aiops (full pipeline in-process, SQLite WAL)', events_per_s: Math.round(ours.eventsPerS), notifications: ours.notifications },
    { row: 'matcarv-aiops (HTTP API, batches)', events_per_s: Math.round(http.eventsPerS), notifications: http.skipped ? 'skipped' : 'on the server' },
    { row: `prometheus-alertmanager ${am.version ?? ''}`.trim(), events_per_s: Math.round(am.eventsPerS), notifications: am.skipped ? 'skipped' : am.notifications },
  ];
  console.table(rows);
  finishBenchmark(
    'alerts',
    { seed, storm: { events: storm.events.length, problems: storm.problems.map((p) => ({ id: p.id, service: p.service, expectMuted: p.expectMuted })) }, pipeline: ours, deferred, statusChange: status, http, alertmanager: am },
    {
      events: storm.events.length,
      events_per_s: acceptPerS,
      processed_events_per_s: ours.eventsPerS,
      backlog_processed_per_s: deferred?.processEventsPerS ?? 0,
      http_events_per_s: http.eventsPerS,
      alertmanager_events_per_s: am.eventsPerS,
      ratio_vs_alertmanager: am.eventsPerS ? acceptPerS / am.eventsPerS : 0,
      notifications: ours.notifications,
      alertmanager_notifications: am.notifications,
      noise_reduction: 1 - ours.notifications / storm.events.length,
      incident_recall: ours.incidentRecall,
      incident_precision: ours.incidentPrecision,
      malformed: ours.malformed,
      malformed_quarantined: ours.malformedQuarantined,
      deferred_malformed_quarantined: deferred?.malformedQuarantined ?? 0,
      peak_rss_mb: peakRssMb(),
      status_change_p99_ms: status.p99Ms,
    },
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:alerts failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
