// The attachment store against s3rver, the S3 emulator the local cloud runs, through the same SDK
// client and presigners as production.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../infra/local/emulators';
import { startS3rver } from '../../infra/local/s3-emulator';
import { buckets } from '../contracts/buckets';
import { attachmentObjectKey } from './attachment-store';
import { s3AttachmentStore as store } from './s3-attachment-store';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('the S3 attachment store (s3rver)', () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  const dir = mkdtempSync(join(tmpdir(), 'attachments-'));
  const saved = { ...process.env };

  beforeAll(async () => {
    s3 = await startS3rver(dir, ['test-attachments'], LOCAL_CREDENTIALS);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      [buckets.Attachments.envVar]: 'test-attachments',
    });
  });
  afterAll(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
    process.env = saved;
  });

  it('stores a document, lists it under its complaint, and a download link returns its bytes', async () => {
    const objectKey = attachmentObjectKey('CMP1', 'ATT1');
    await store.put({ objectKey, body: pdf, contentType: 'application/pdf' });
    await store.put({ objectKey: attachmentObjectKey('CMP2', 'ATT2'), body: pdf, contentType: 'text/plain' });

    expect(await store.list('CMP1')).toEqual([
      expect.objectContaining({ objectKey: 'complaints/CMP1/ATT1', size: pdf.length }),
    ]);

    const url = await store.downloadUrl({
      objectKey,
      fileName: '病历 scan.pdf',
      contentType: 'application/pdf',
      expiresInSeconds: 300,
    });
    expect(url).toContain('X-Amz-Expires=300');
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('病历 scan.pdf')}`,
    );
    expect(Buffer.from(await answer.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('gives an upload form bound to one key, content type and size, which uploads the file', async () => {
    const objectKey = attachmentObjectKey('CMP3', 'ATT3');
    const form = await store.uploadForm({
      objectKey,
      contentType: 'application/pdf',
      maxBytes: 1024,
      expiresInSeconds: 600,
    });
    const policy = JSON.parse(Buffer.from(form.fields.Policy ?? '', 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 1024],
        ['eq', '$Content-Type', 'application/pdf'],
        { key: objectKey },
      ]),
    );

    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append('file', new Blob([pdf], { type: 'application/pdf' }), 'scan.pdf');
    const answer = await fetch(form.url, { method: 'POST', body });
    expect(answer.status).toBeLessThan(300);
    expect(await store.list('CMP3')).toEqual([expect.objectContaining({ objectKey, size: pdf.length })]);
  });
});
