import { GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export type S3ReportStoreOptions = { bucket: string } & ({ client: S3Client; clientConfig?: never } | { clientConfig: S3ClientConfig; client?: never });

/** Writes reports (cost, diagnostics) as objects in the private, encrypted report bucket. */
export class S3ReportStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3ReportStoreOptions) {
    this.client = options.client ?? new S3Client(options.clientConfig ?? {});
  }

  async put(key: string, body: string, contentType = 'application/json'): Promise<string> {
    await this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: body, ContentType: contentType, ServerSideEncryption: 'AES256' }));
    return `s3://${this.options.bucket}/${key}`;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return await res.Body?.transformToString();
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }
}
