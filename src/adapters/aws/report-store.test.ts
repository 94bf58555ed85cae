import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ReportStore } from './report-store.js';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

let server: S3rverInstance;
let client: S3Client;

beforeAll(async () => {
  const S3rver = createRequire(import.meta.url)('s3rver') as new (opts: Record<string, unknown>) => S3rverInstance;
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 's3rver-')), configureBuckets: [{ name: 'reports' }] });
  const { port } = await server.run();
  client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

describe('Class: S3ReportStore (on s3rver)', () => {
  it('writes a report object and reads it back', async () => {
    const store = new S3ReportStore({ bucket: 'reports', client });
    const uri = await store.put('cost/2026-11-23.json', JSON.stringify({ total: 12.5 }));
    expect(uri).toBe('s3://reports/cost/2026-11-23.json');
    expect(JSON.parse((await store.get('cost/2026-11-23.json')) ?? 'null')).toEqual({ total: 12.5 });
  });

  it('returns undefined for a missing report', async () => {
    expect(await new S3ReportStore({ bucket: 'reports', client }).get('nope.json')).toBeUndefined();
  });
});
