/**
 * Artifacts straight to S3 (or an S3-compatible store: minio, Ceph, moto) for `s3://bucket/prefix`
 * URIs, the ones a tracking server started with `--no-serve-artifacts --default-artifact-root
 * s3://…` gives its clients. Reads the environment MLflow's `S3ArtifactRepository` reads (see
 * ./cloud-config.ts): AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN) when
 * set, else the AWS SDK's default chain (AWS_PROFILE, SSO, web identity, the instance's role).
 *
 * The AWS SDK (`@aws-sdk/client-s3`, `@aws-sdk/lib-storage`) is an optional peer dependency,
 * loaded by the constructor: nothing else in the package loads it.
 */
import { createReadStream } from 'node:fs';
import { Agent } from 'node:https';
import type { Readable } from 'node:stream';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { MissingDependencyError, MlflowAutologError, MlflowRestError } from '../errors';
import { redact } from '../util/logger';
import { requireInstalled } from '../util/require-installed';
import { parseS3Uri, type S3Settings, s3Settings } from './cloud-config';
import { type CloudRepositoryOptions, certificateErrorCode, contentTypeOf, type ObjectListing, ObjectStoreArtifactRepository } from './object-store-repo';

type S3Sdk = typeof import('@aws-sdk/client-s3');
type StorageSdk = typeof import('@aws-sdk/lib-storage');

const MiB = 1024 * 1024;

// NB: one client per distinct configuration, as MLflow caches boto3's: each holds its credentials and sockets.
const clients = new Map<string, S3Client>();

export class S3ArtifactRepository extends ObjectStoreArtifactRepository {
  private readonly bucket: string;
  private readonly settings: S3Settings;
  private readonly sdk: S3Sdk;
  private readonly storage: StorageSdk;
  private readonly client: S3Client;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(rootUri: string, options: CloudRepositoryOptions = {}) {
    const { bucket, prefix } = parseS3Uri(rootUri);
    super(rootUri, prefix);
    this.bucket = bucket;
    this.settings = s3Settings(options.env ?? process.env);
    // NB: parts under 5 MiB are refused by S3 (EntityTooSmall), except the last.
    this.partSize = Math.max(5 * MiB, options.partSize ?? 8 * MiB);
    this.queueSize = Math.max(1, options.queueSize ?? 4);
    const load = options.requireModule ?? requireInstalled;
    const sdk = load('@aws-sdk/client-s3') as S3Sdk | undefined;
    const storage = load('@aws-sdk/lib-storage') as StorageSdk | undefined;
    if (!sdk || !storage) {
      const packages = ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'];
      throw new MissingDependencyError(
        `The artifacts of ${rootUri} are on S3, which mlflow-autolog reaches with the AWS SDK: npm install ${packages.join(' ')} ` +
          '(an optional peer dependency, loaded only for s3:// artifact URIs). Or start the tracking server with --serve-artifacts so artifacts go through it.',
        packages,
      );
    }
    this.sdk = sdk;
    this.storage = storage;
    const { endpointUrl, ignoreTls, forcePathStyle, region, credentials, profile } = this.settings;
    const key = JSON.stringify([endpointUrl, ignoreTls, forcePathStyle, region, credentials, profile]);
    let client = clients.get(key);
    if (!client) clients.set(key, (client = createClient(sdk, this.settings)));
    this.client = client;
  }

  protected async putObject(localFile: string, key: string, size: number): Promise<void> {
    const body = createReadStream(localFile);
    try {
      const params = {
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentLength: size,
        ContentType: contentTypeOf(localFile),
        // NB: after the guessed type, as MLflow's _get_upload_extra_args: the variable's ContentType wins.
        ...this.settings.uploadArgs,
      } as PutObjectCommandInput;
      // NB: lib-storage reads the stream into parts of partSize, at most queueSize of them in flight;
      // a file that fits in one part goes up in one PutObject; a failed multipart upload is aborted.
      const upload = new this.storage.Upload({ client: this.client, params, partSize: this.partSize, queueSize: this.queueSize, leavePartsOnError: false });
      await upload.done();
    } catch (error) {
      throw s3Error(error, `Uploading ${localFile} to`, this.uriOf(key));
    } finally {
      body.destroy();
    }
  }

  protected async *listObjects(prefix: string): AsyncIterable<ObjectListing> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new this.sdk.ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            Delimiter: '/',
            ContinuationToken: token,
            ExpectedBucketOwner: this.settings.expectedBucketOwner,
          }),
        );
      } catch (error) {
        throw s3Error(error, 'Listing', this.uriOf(prefix));
      }
      yield {
        prefixes: (page.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : [])),
        objects: (page.Contents ?? []).flatMap((o) => (o.Key ? [{ key: o.Key, size: Number(o.Size ?? 0) }] : [])),
      };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  protected async getObject(key: string): Promise<Readable> {
    try {
      const response = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key, ...this.settings.downloadArgs }));
      // NB: in Node the body is the HTTP response itself (an IncomingMessage), streamed as it arrives.
      return response.Body as Readable;
    } catch (error) {
      throw s3Error(error, 'Downloading', this.uriOf(key));
    }
  }

  private uriOf(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }
}

function createClient(sdk: S3Sdk, settings: S3Settings): S3Client {
  return new sdk.S3Client({
    ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
    forcePathStyle: settings.forcePathStyle,
    // NB: with no region anywhere boto3 signs for us-east-1 and follows S3's redirects to the bucket's region; so do we.
    region: settings.region ?? (() => defaultRegion(sdk, settings.profile)),
    followRegionRedirects: true,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.ignoreTls ? { requestHandler: { httpsAgent: new Agent({ keepAlive: true, rejectUnauthorized: false }) } } : {}),
  });
}

const profileRegions = new Map<string, Promise<string>>();

/** The region of the SDK's own configuration (the profile's in ~/.aws/config), else us-east-1. */
function defaultRegion(sdk: S3Sdk, profile: string | undefined): Promise<string> {
  let region = profileRegions.get(profile ?? '');
  if (!region) profileRegions.set(profile ?? '', (region = new sdk.S3Client(profile ? { profile } : {}).config.region().catch(() => 'us-east-1')));
  return region;
}

/** S3's error codes as MLflow's BOTO_TO_MLFLOW_ERROR maps them. */
const S3_TO_MLFLOW: Record<string, string> = {
  AccessDenied: 'PERMISSION_DENIED',
  NoSuchBucket: 'RESOURCE_DOES_NOT_EXIST',
  NoSuchKey: 'RESOURCE_DOES_NOT_EXIST',
  NotFound: 'RESOURCE_DOES_NOT_EXIST',
  InvalidAccessKeyId: 'UNAUTHENTICATED',
  SignatureDoesNotMatch: 'UNAUTHENTICATED',
};

const CREDENTIALS_HINT =
  'Check the AWS credentials of this process (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or AWS_PROFILE) and MLFLOW_S3_ENDPOINT_URL.';

/**
 * An SDK error as this package's: a {@link MlflowRestError} with MLflow's code and S3's HTTP status
 * (0 when no answer came), so that `isNotFound` and the retry of transient failures treat the
 * store's answers as they treat the tracking server's.
 */
function s3Error(error: unknown, action: string, uri: string): Error {
  if (error instanceof MlflowAutologError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'Error';
  const message = redact(String(e.message ?? error));
  if (name === 'CredentialsProviderError') {
    return new MlflowAutologError(`${action} ${uri}: no AWS credentials were found (${message}). ${CREDENTIALS_HINT}`, { cause: error });
  }
  const certificate = certificateErrorCode(error);
  if (certificate) {
    return new MlflowRestError(
      `${action} ${uri} failed: the endpoint's TLS certificate is not trusted here (${certificate}). Set NODE_EXTRA_CA_CERTS to the PEM file of its certificate authority, or MLFLOW_S3_IGNORE_TLS=true to skip the check, as for MLflow.`,
      'TLS_CERTIFICATE_ERROR',
      0,
      { cause: error },
    );
  }
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return new MlflowRestError(`${action} ${uri} failed: ${message}`, 'NETWORK_ERROR', 0, { cause: error });
  const code = S3_TO_MLFLOW[name] ?? (status === 404 ? 'RESOURCE_DOES_NOT_EXIST' : status === 403 ? 'PERMISSION_DENIED' : name);
  if (name === 'NoSuchKey') {
    return new MlflowRestError(`No such artifact: ${uri}`, 'RESOURCE_DOES_NOT_EXIST', 404, { cause: error });
  }
  const hint = code === 'UNAUTHENTICATED' || code === 'PERMISSION_DENIED' ? ` ${CREDENTIALS_HINT}` : '';
  return new MlflowRestError(`${action} ${uri} failed with HTTP ${status} ${name}: ${message}${hint}`, code, status, { cause: error });
}
