import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { ValidationError } from '../../shared/errors.js';
import { parseOrThrow } from '../../shared/zod.js';
import { DOC_SCHEMAS, type AlertConditionDoc, type AlertPolicyDoc, type DocKind, type ServiceDoc, type SliDoc, type SloDoc } from './documents.js';

/** A spec text and where it came from (a file name, `api`, …); the name prefixes every error. */
export interface SpecSource {
  name: string;
  text: string;
}

/** The validated documents of one or more spec texts, by kind, in file order. */
export interface SpecDocuments {
  services: ServiceDoc[];
  slis: SliDoc[];
  slos: Array<SloDoc & { source: string }>;
  alertPolicies: AlertPolicyDoc[];
  alertConditions: AlertConditionDoc[];
}

const KIND_KEY = { Service: 'services', SLI: 'slis', SLO: 'slos', AlertPolicy: 'alertPolicies', AlertCondition: 'alertConditions' } as const;

/**
 * Parses multi-document YAML into validated OpenSLO v1 documents. Errors are ValidationErrors whose
 * field reads `<source>#<n> <Kind> <name>.spec.objectives.0.target`: the file, the document's
 * position (1-based), its kind and name, then the dotted path of the failing field.
 *
 * @example
 * const docs = parseSpecDocuments([{ name: 'checkout.yaml', text }]);
 * docs.slos[0].metadata.name; // 'checkout-availability'
 */
export function parseSpecDocuments(sources: SpecSource[]): SpecDocuments {
  const out: SpecDocuments = { services: [], slis: [], slos: [], alertPolicies: [], alertConditions: [] };
  const seen = new Map<string, string>();
  for (const source of sources) {
    const docs = parseAllDocuments(source.text, { prettyErrors: false });
    if (!Array.isArray(docs)) throw new ValidationError(source.name, 'not a YAML document stream');
    docs.forEach((doc, i) => {
      const where = `${source.name}#${i + 1}`;
      const yamlError = doc.errors[0];
      if (yamlError) throw new ValidationError(where, `invalid YAML: ${yamlError.message}`);
      const raw: unknown = doc.toJS();
      if (raw === null || raw === undefined) return; // an empty document between `---` separators
      if (typeof raw !== 'object' || Array.isArray(raw)) throw new ValidationError(where, 'must be a mapping with apiVersion, kind, metadata, spec');
      const rec = raw as Record<string, unknown>;
      if (rec.apiVersion !== 'openslo/v1') throw new ValidationError(`${where}.apiVersion`, `must be openslo/v1 (got ${JSON.stringify(rec.apiVersion)})`);
      const kind = rec.kind;
      if (typeof kind !== 'string' || !(kind in DOC_SCHEMAS)) {
        throw new ValidationError(`${where}.kind`, `must be one of ${Object.keys(DOC_SCHEMAS).join(', ')} (got ${JSON.stringify(kind)})`);
      }
      const meta = rec.metadata as { name?: unknown } | undefined;
      const label = `${where} ${kind}${typeof meta?.name === 'string' ? ` ${meta.name}` : ''}`;
      const schema = DOC_SCHEMAS[kind as DocKind] as z.ZodType<{ metadata: { name: string } }>;
      const parsed = parseOrThrow(schema, raw, label);
      const key = `${kind}/${parsed.metadata.name}`;
      const earlier = seen.get(key);
      if (earlier) throw new ValidationError(`${label}.metadata.name`, `duplicate ${kind} name (first defined in ${earlier})`);
      seen.set(key, where);
      const bucket = KIND_KEY[kind as DocKind];
      if (bucket === 'slos') out.slos.push({ ...(parsed as SloDoc), source: source.name });
      else (out[bucket] as unknown[]).push(parsed);
    });
  }
  return out;
}
