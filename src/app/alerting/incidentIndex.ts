import type { Incident } from '../../core/incidents/incident.js';
import type { Collection } from '../../ports/store.js';

/**
 * The open incidents, indexed by group key, resource and service so grouping a signal costs a few
 * map lookups instead of a scan. Loaded once from the store; every write goes through `put`.
 */
export class OpenIncidentIndex {
  private loaded = false;
  private readonly byId = new Map<string, Incident>();
  private readonly byGroup = new Map<string, Set<string>>();
  private readonly byResource = new Map<string, Set<string>>();
  private readonly byService = new Map<string, Set<string>>();

  constructor(private readonly incidents: Collection<Incident>) {}

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    for (const i of await this.incidents.find({ where: { status: 'open' } })) this.put(i);
  }

  /** Forgets everything (after a rolled-back unit of work); the next `load()` reads the store again. */
  reset(): void {
    this.loaded = false;
    this.byId.clear();
    this.byGroup.clear();
    this.byResource.clear();
    this.byService.clear();
  }

  put(incident: Incident): void {
    this.remove(incident.id);
    if (incident.status !== 'open') return;
    this.byId.set(incident.id, incident);
    add(this.byGroup, incident.groupKey, incident.id);
    for (const arn of incident.resourceArns) add(this.byResource, arn, incident.id);
    if (incident.service) add(this.byService, incident.service, incident.id);
  }

  remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    del(this.byGroup, old.groupKey, id);
    for (const arn of old.resourceArns) del(this.byResource, arn, id);
    if (old.service) del(this.byService, old.service, id);
  }

  get(id: string): Incident | undefined {
    return this.byId.get(id);
  }

  /** Open incidents that could take this alert (same group key, resource or service). */
  candidates(groupKey: string, resourceArn: string, service: string | undefined): Incident[] {
    const ids = new Set<string>([...(this.byGroup.get(groupKey) ?? []), ...(this.byResource.get(resourceArn) ?? []), ...(service ? (this.byService.get(service) ?? []) : [])]);
    return [...ids].map((id) => this.byId.get(id)).filter((i): i is Incident => !!i);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  get size(): number {
    return this.byId.size;
  }
}

function add(m: Map<string, Set<string>>, k: string, id: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(id);
}
function del(m: Map<string, Set<string>>, k: string, id: string): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(id);
  if (!s.size) m.delete(k);
}
