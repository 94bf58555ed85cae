/** Regenerates the check and inventory tables of docs/compliance.md: `npx tsx src/app/compliance/updateDocs.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncComplianceDoc } from '../../core/compliance/docs.js';

export const COMPLIANCE_DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'compliance.md');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(COMPLIANCE_DOC, syncComplianceDoc(readFileSync(COMPLIANCE_DOC, 'utf8')));
  process.stdout.write(`updated ${COMPLIANCE_DOC}\n`);
}
