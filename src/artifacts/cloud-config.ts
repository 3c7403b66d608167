/**
 * Where an `s3://` or `wasbs://` artifact URI points and how to reach it, read from the
 * environment variables MLflow's Python repositories read (`S3ArtifactRepository`,
 * `AzureBlobArtifactRepository` in mlflow/store/artifact/), validated with zod at this boundary.
 * Loaded only when such a URI is met (zod with it): the preload and the other stores never load it.
 */
import { z } from 'zod';
import { ConfigError, ValidationError } from '../errors';
import { addSecrets } from '../util/logger';

type Env = NodeJS.ProcessEnv;

/** An `s3://bucket/prefix` URI: the bucket and the key prefix (no leading or trailing '/'). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** How to reach S3 (or an S3-compatible store), as MLflow's `_get_s3_client` sets up boto3. */
export interface S3Settings {
  /** `MLFLOW_S3_ENDPOINT_URL`: minio, moto, Ceph, … instead of AWS. */
  endpointUrl?: string;
  /** `MLFLOW_S3_IGNORE_TLS`: skip the endpoint's certificate check. */
  ignoreTls: boolean;
  /** `MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE`; `auto` is path-style with an endpoint URL, as in botocore. */
  forcePathStyle: boolean;
  /** `AWS_DEFAULT_REGION` (boto3's), else `AWS_REGION` (the JS SDK's); else the SDK's own config. */
  region?: string;
  /** AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; without them, the SDK's chain (profile, SSO, role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** `AWS_PROFILE`: the profile of ~/.aws/config and ~/.aws/credentials the SDK's chain reads. */
  profile?: string;
  /** Put on every upload (PutObject, CreateMultipartUpload and its parts): `MLFLOW_S3_UPLOAD_EXTRA_ARGS` and the bucket owner. */
  uploadArgs: Record<string, unknown>;
  /** Put on every download: the SSE-C key, RequestPayer and the bucket owner, as MLflow's `_download_file`. */
  downloadArgs: Record<string, unknown>;
  /** `MLFLOW_S3_EXPECTED_BUCKET_OWNER`, on listings too. */
  expectedBucketOwner?: string;
}

/** A `wasbs://container@account.blob.core.windows.net/path` URI. */
export interface WasbsLocation {
  container: string;
  account: string;
  /** `blob.core.windows.net` (or the China or Government cloud's). */
  suffix: string;
  prefix: string;
}

/** How to reach Azure Blob Storage, in MLflow's order of preference. */
export type AzureAuth =
  /** `AZURE_STORAGE_CONNECTION_STRING`: its BlobEndpoint (Azurite, a private endpoint) wins over the URI's host. */
  | { kind: 'connection-string'; connectionString: string }
  /** `AZURE_STORAGE_ACCESS_KEY`, for the account named in the URI. */
  | { kind: 'account-key'; accountUrl: string; account: string; accessKey: string }
  /** Neither: `DefaultAzureCredential` (from `@azure/identity`, when installed). */
  | { kind: 'default-credential'; accountUrl: string };

export function parseS3Uri(uri: string): S3Location {
  // NB: the path is taken as written, not percent-decoded: MLflow's urlparse keeps it so, and keys may hold '%'.
  const match = /^s3:\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(uri);
  if (!match) throw new ValidationError(`Not an S3 artifact URI: ${JSON.stringify(uri)}; expected s3://<bucket>/<path>.`);
  return { bucket: match[1]!, prefix: trimSlashes(match[2] ?? '') };
}

export function parseWasbsUri(uri: string): WasbsLocation {
  const match = /^wasbs:\/\/([^/?#@]+)@([A-Za-z0-9]+)\.(blob\.core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net))(\/[^?#]*)?$/i.exec(uri);
  if (!match) {
    throw new ValidationError(
      `Not a WASBS artifact URI: ${JSON.stringify(uri)}; expected wasbs://<container>@<account>.blob.core.windows.net/<path> ` +
        '(or blob.core.chinacloudapi.cn, blob.core.usgovcloudapi.net), as MLflow writes it.',
    );
  }
  return { container: match[1]!, account: match[2]!.toLowerCase(), suffix: match[3]!.toLowerCase(), prefix: trimSlashes(match[4] ?? '') };
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function fail(variable: string, shown: string, accepted: string): never {
  throw new ConfigError(`${variable}=${shown} is not valid: ${accepted}.`, variable);
}

function parse<T>(env: Env, variable: string, schema: z.ZodType<T>, accepted: string): T | undefined {
  const raw = env[variable];
  if (raw === undefined || raw === '') return undefined;
  const result = schema.safeParse(raw);
  if (!result.success) fail(variable, JSON.stringify(raw), accepted);
  return result.data;
}

// NB: as MLflow's _BooleanEnvironmentVariable, which raises on anything else.
const booleanString = z
  .string()
  .regex(/^(true|false|1|0)$/i)
  .transform((s) => /^(true|1)$/i.test(s));

const date = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const parsed = new Date(v);
  if (Number.isNaN(parsed.getTime())) ctx.addIssue({ code: 'custom', message: 'not a date' });
  return parsed;
});

/**
 * `MLFLOW_S3_UPLOAD_EXTRA_ARGS` keys, with the values boto3's `upload_file` takes for them
 * (s3transfer's ALLOWED_UPLOAD_ARGS). The JS SDK's PutObject and CreateMultipartUpload take the same
 * names; the per-file checksum values (ChecksumCRC32, …, MpuObjectSize) make no sense for every file
 * and are refused with the unknown keys.
 */
const UPLOAD_ARGS = {
  ACL: z.string(),
  CacheControl: z.string(),
  ChecksumAlgorithm: z.enum(['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256']),
  ContentDisposition: z.string(),
  ContentEncoding: z.string(),
  ContentLanguage: z.string(),
  ContentType: z.string(),
  ExpectedBucketOwner: z.string(),
  Expires: date,
  GrantFullControl: z.string(),
  GrantRead: z.string(),
  GrantReadACP: z.string(),
  GrantWriteACP: z.string(),
  Metadata: z.record(z.string(), z.string()),
  ObjectLockLegalHoldStatus: z.enum(['ON', 'OFF']),
  ObjectLockMode: z.enum(['GOVERNANCE', 'COMPLIANCE']),
  ObjectLockRetainUntilDate: date,
  RequestPayer: z.literal('requester'),
  ServerSideEncryption: z.string(),
  StorageClass: z.string(),
  SSECustomerAlgorithm: z.string(),
  SSECustomerKey: z.string(),
  SSECustomerKeyMD5: z.string(),
  SSEKMSKeyId: z.string(),
  SSEKMSEncryptionContext: z.string(),
  Tagging: z.string(),
  WebsiteRedirectLocation: z.string(),
} as const;

/** What MLflow's `_download_file` passes on from the upload arguments: what S3 needs to read the object back. */
const DOWNLOAD_ARGS = ['SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5', 'RequestPayer'];

function uploadExtraArgs(env: Env): Record<string, unknown> {
  const variable = 'MLFLOW_S3_UPLOAD_EXTRA_ARGS';
  const raw = env[variable];
  if (raw === undefined || raw === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    fail(variable, '<not JSON>', 'a JSON object of boto3 upload arguments, e.g. {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "…"}');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail(variable, '<not a JSON object>', 'a JSON object of boto3 upload arguments');
  const unknown = Object.keys(json).filter((key) => !Object.hasOwn(UPLOAD_ARGS, key));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${variable} has ${unknown.map((k) => JSON.stringify(k)).join(', ')}, which mlflow-autolog cannot pass to S3: the arguments it takes are ${Object.keys(UPLOAD_ARGS).join(', ')}.`,
      variable,
    );
  }
  const result = z.object(UPLOAD_ARGS).partial().strict().safeParse(json);
  if (!result.success) {
    // NB: the values are not shown: an SSE-C key is a secret.
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`${variable} has a value of the wrong type (${issues}).`, variable);
  }
  addSecrets(result.data.SSECustomerKey);
  return result.data;
}

/** The S3 client's settings from `env`; a {@link ConfigError} naming the variable when one is wrong. */
export function s3Settings(env: Env = process.env): S3Settings {
  const endpointUrl = parse(env, 'MLFLOW_S3_ENDPOINT_URL', z.string().regex(/^https?:\/\/[^/\s]+/i), 'an http:// or https:// URL, e.g. http://127.0.0.1:9000');
  const ignoreTls = parse(env, 'MLFLOW_S3_IGNORE_TLS', booleanString, 'true, false, 1 or 0') ?? false;
  const style = parse(env, 'MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE', z.enum(['auto', 'path', 'virtual']), 'auto, path or virtual') ?? 'auto';
  // NB: read for its check only: every request is signed with SigV4, as MLflow's default s3v4.
  parse(env, 'MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION', z.literal('s3v4'), 's3v4 (mlflow-autolog signs every request with SigV4; unsigned access is not supported)');
  const region = env.AWS_DEFAULT_REGION || env.AWS_REGION || undefined;
  const expectedBucketOwner = parse(env, 'MLFLOW_S3_EXPECTED_BUCKET_OWNER', z.string().regex(/^\d{12}$/), 'a 12-digit AWS account ID');
  const owner = expectedBucketOwner ? { ExpectedBucketOwner: expectedBucketOwner } : {};
  // NB: MLflow's order: the bucket owner, then the variable's arguments over it.
  const uploadArgs: Record<string, unknown> = { ...owner, ...uploadExtraArgs(env) };
  const downloadArgs: Record<string, unknown> = { ...owner };
  for (const key of DOWNLOAD_ARGS) if (uploadArgs[key] !== undefined) downloadArgs[key] = uploadArgs[key];
  // NB: read here, not left to the SDK's own look at process.env, so that the environment given is the one used.
  const accessKeyId = env.AWS_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || undefined;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    const missing = accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    throw new ConfigError(`${missing} is not set while ${missing === 'AWS_ACCESS_KEY_ID' ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is: set both (or neither, to use AWS_PROFILE or the machine's role).`, missing);
  }
  addSecrets(secretAccessKey, env.AWS_SESSION_TOKEN);
  return {
    endpointUrl: endpointUrl?.replace(/\/+$/, ''),
    ignoreTls,
    forcePathStyle: style === 'path' || (style === 'auto' && endpointUrl !== undefined),
    region,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } : undefined,
    profile: env.AWS_PROFILE || undefined,
    uploadArgs,
    downloadArgs,
    expectedBucketOwner,
  };
}

/** `Key=Value;…` pairs of a connection string; keys are case-insensitive, values may hold '='. */
function connectionStringFields(value: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return fields;
}

const base64Key = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

/** How to reach the account of `location`, as MLflow's AzureBlobArtifactRepository decides it. */
export function azureSettings(location: WasbsLocation, env: Env = process.env): AzureAuth {
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING;
  if (connectionString) {
    const fields = connectionStringFields(connectionString);
    const usable =
      fields.get('usedevelopmentstorage') === 'true' ||
      (fields.has('accountname') && fields.has('accountkey')) ||
      (fields.has('sharedaccesssignature') && fields.has('blobendpoint'));
    if (!usable) {
      fail(
        'AZURE_STORAGE_CONNECTION_STRING',
        '<hidden>',
        'a storage connection string with AccountName and AccountKey (and BlobEndpoint for Azurite or a private endpoint), or BlobEndpoint and SharedAccessSignature',
      );
    }
    if (fields.has('accountkey') && !base64Key.safeParse(fields.get('accountkey')).success) {
      fail('AZURE_STORAGE_CONNECTION_STRING', '<hidden>', 'its AccountKey must be base64, as the portal shows it');
    }
    addSecrets(fields.get('accountkey'), fields.get('sharedaccesssignature'));
    return { kind: 'connection-string', connectionString };
  }
  const accountUrl = `https://${location.account}.${location.suffix}`;
  const accessKey = parse(env, 'AZURE_STORAGE_ACCESS_KEY', base64Key, 'the storage account key, base64, as the portal shows it');
  if (accessKey) {
    addSecrets(accessKey);
    return { kind: 'account-key', accountUrl, account: location.account, accessKey };
  }
  return { kind: 'default-credential', accountUrl };
}
