/**
 * The cloud artifact stores' configuration, with no network: s3:// and wasbs:// URIs parsed as
 * MLflow's Python repositories parse them; the environment they read validated with one
 * ConfigError naming the variable (and never showing a secret); a missing SDK or an unsupported
 * scheme (gs://, abfss://) as one typed error that says what to do; and the SDKs and the cloud
 * modules loaded only when such a URI is met.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { azureSettings, parseS3Uri, parseWasbsUri, s3Settings } from '../../src/artifacts/cloud-config';
import { AzureBlobArtifactRepository } from '../../src/artifacts/azure-artifact-repo';
import { artifactRepositoryFor } from '../../src/artifacts/repository';
import { S3ArtifactRepository } from '../../src/artifacts/s3-artifact-repo';
import { loadConfig } from '../../src/config/config';
import { ConfigError, MissingDependencyError, UnsupportedArtifactStoreError, ValidationError } from '../../src/errors';
import { REPO_ROOT } from '../harness/python';

const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONNECTION_STRING = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`;
const WASBS = 'wasbs://models@myaccount.blob.core.windows.net/mlflow/1/abc/artifacts';

/** Asserts `fn` throws a ConfigError naming `variable` whose message matches `message`. */
function throwsConfig(fn: () => unknown, variable: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.variable, variable);
    assert.match(error.message, message);
    return true;
  });
}

describe('s3:// URIs and settings', () => {
  test('an s3 URI splits into the bucket and a key prefix without leading or trailing slashes, taken as written', () => {
    assert.deepEqual(parseS3Uri('s3://bucket/artifacts/1/abc/artifacts'), { bucket: 'bucket', prefix: 'artifacts/1/abc/artifacts' });
    assert.deepEqual(parseS3Uri('s3://bucket/artifacts/'), { bucket: 'bucket', prefix: 'artifacts' });
    assert.deepEqual(parseS3Uri('s3://bucket'), { bucket: 'bucket', prefix: '' });
    assert.deepEqual(parseS3Uri('s3://bucket/a%20b'), { bucket: 'bucket', prefix: 'a%20b' }, 'not percent-decoded, as urlparse keeps it');
    for (const bad of ['s3:/bucket/x', 's3://', 's3:///x', 's3://bucket/x?versionId=1']) assert.throws(() => parseS3Uri(bad), ValidationError, bad);
  });

  test('with no settings the client uses AWS with virtual-hosted addressing, TLS checked and nothing extra on uploads', () => {
    assert.deepEqual(s3Settings({}), {
      endpointUrl: undefined,
      ignoreTls: false,
      forcePathStyle: false,
      region: undefined,
      credentials: undefined,
      profile: undefined,
      uploadArgs: {},
      downloadArgs: {},
      expectedBucketOwner: undefined,
    });
  });

  test('an endpoint URL means path-style addressing, as botocore does for "auto", unless virtual is asked for', () => {
    const endpoint = { MLFLOW_S3_ENDPOINT_URL: 'http://127.0.0.1:9000/' };
    assert.equal(s3Settings(endpoint).endpointUrl, 'http://127.0.0.1:9000');
    assert.equal(s3Settings(endpoint).forcePathStyle, true);
    assert.equal(s3Settings({ ...endpoint, MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE: 'virtual' }).forcePathStyle, false);
    assert.equal(s3Settings({ MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE: 'path' }).forcePathStyle, true);
    throwsConfig(() => s3Settings({ MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE: 'dns' }), 'MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE', /auto, path or virtual/);
    throwsConfig(() => s3Settings({ MLFLOW_S3_ENDPOINT_URL: '127.0.0.1:9000' }), 'MLFLOW_S3_ENDPOINT_URL', /http:\/\/ or https:\/\/ URL/);
  });

  test('MLFLOW_S3_IGNORE_TLS takes what MLflow takes (true, false, 1, 0 in any case) and refuses the rest', () => {
    assert.equal(s3Settings({ MLFLOW_S3_IGNORE_TLS: 'TRUE' }).ignoreTls, true);
    assert.equal(s3Settings({ MLFLOW_S3_IGNORE_TLS: '0' }).ignoreTls, false);
    throwsConfig(() => s3Settings({ MLFLOW_S3_IGNORE_TLS: 'yes' }), 'MLFLOW_S3_IGNORE_TLS', /"yes" is not valid: true, false, 1 or 0/);
  });

  test("the region is boto3's AWS_DEFAULT_REGION first, then the JS SDK's AWS_REGION", () => {
    assert.equal(s3Settings({ AWS_DEFAULT_REGION: 'eu-west-1', AWS_REGION: 'us-west-2' }).region, 'eu-west-1');
    assert.equal(s3Settings({ AWS_REGION: 'us-west-2' }).region, 'us-west-2');
  });

  test('AWS keys from the environment given are the credentials (the session token with them); half a pair is refused; AWS_PROFILE names a profile', () => {
    assert.deepEqual(s3Settings({ AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's' }).credentials, { accessKeyId: 'AKIA1', secretAccessKey: 's' });
    assert.deepEqual(s3Settings({ AWS_ACCESS_KEY_ID: 'ASIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' }).credentials, { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't' });
    assert.equal(s3Settings({ AWS_PROFILE: 'ml' }).profile, 'ml');
    throwsConfig(() => s3Settings({ AWS_ACCESS_KEY_ID: 'AKIA1' }), 'AWS_SECRET_ACCESS_KEY', /AWS_SECRET_ACCESS_KEY is not set while AWS_ACCESS_KEY_ID is/);
    throwsConfig(() => s3Settings({ AWS_SECRET_ACCESS_KEY: 'never-shown' }), 'AWS_ACCESS_KEY_ID', /^(?!.*never-shown)/);
  });

  test('MLFLOW_S3_UPLOAD_EXTRA_ARGS goes on uploads, and what S3 needs to read an object back (the SSE-C key, RequestPayer) on downloads too', () => {
    const settings = s3Settings({
      MLFLOW_S3_UPLOAD_EXTRA_ARGS: JSON.stringify({
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: 'alias/mlflow',
        Metadata: { team: 'ml' },
        RequestPayer: 'requester',
        Expires: '2030-01-01T00:00:00Z',
      }),
    });
    assert.deepEqual(settings.uploadArgs, {
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/mlflow',
      Metadata: { team: 'ml' },
      RequestPayer: 'requester',
      Expires: new Date('2030-01-01T00:00:00Z'),
    });
    assert.deepEqual(settings.downloadArgs, { RequestPayer: 'requester' });
    const ssec = s3Settings({ MLFLOW_S3_UPLOAD_EXTRA_ARGS: JSON.stringify({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: 'k'.repeat(32) }) });
    assert.deepEqual(ssec.downloadArgs, { SSECustomerAlgorithm: 'AES256', SSECustomerKey: 'k'.repeat(32) });
  });

  test('MLFLOW_S3_EXPECTED_BUCKET_OWNER goes on uploads, downloads and listings; the upload arguments may override it, as in MLflow', () => {
    const settings = s3Settings({ MLFLOW_S3_EXPECTED_BUCKET_OWNER: '123456789012' });
    assert.equal(settings.expectedBucketOwner, '123456789012');
    assert.deepEqual(settings.uploadArgs, { ExpectedBucketOwner: '123456789012' });
    assert.deepEqual(settings.downloadArgs, { ExpectedBucketOwner: '123456789012' });
    const overridden = s3Settings({ MLFLOW_S3_EXPECTED_BUCKET_OWNER: '123456789012', MLFLOW_S3_UPLOAD_EXTRA_ARGS: '{"ExpectedBucketOwner": "210987654321"}' });
    assert.equal(overridden.uploadArgs.ExpectedBucketOwner, '210987654321');
    throwsConfig(() => s3Settings({ MLFLOW_S3_EXPECTED_BUCKET_OWNER: 'me' }), 'MLFLOW_S3_EXPECTED_BUCKET_OWNER', /12-digit AWS account ID/);
  });

  test('upload arguments that do not map onto S3 requests are refused by name, with the list of those that do', () => {
    throwsConfig(() => s3Settings({ MLFLOW_S3_UPLOAD_EXTRA_ARGS: '{"Foo": 1, "ChecksumCRC32": "abc"}' }), 'MLFLOW_S3_UPLOAD_EXTRA_ARGS', /"Foo", "ChecksumCRC32", which mlflow-autolog cannot pass to S3: .*ServerSideEncryption/);
    throwsConfig(() => s3Settings({ MLFLOW_S3_UPLOAD_EXTRA_ARGS: '{ServerSideEncryption: AES256}' }), 'MLFLOW_S3_UPLOAD_EXTRA_ARGS', /not JSON.*JSON object of boto3 upload arguments/);
    throwsConfig(() => s3Settings({ MLFLOW_S3_UPLOAD_EXTRA_ARGS: '["AES256"]' }), 'MLFLOW_S3_UPLOAD_EXTRA_ARGS', /not a JSON object/);
    throwsConfig(() => s3Settings({ MLFLOW_S3_UPLOAD_EXTRA_ARGS: '{"Metadata": "team=ml"}' }), 'MLFLOW_S3_UPLOAD_EXTRA_ARGS', /wrong type \(Metadata: /);
    throwsConfig(() => s3Settings({ MLFLOW_S3_UPLOAD_EXTRA_ARGS: '{"Expires": "someday"}' }), 'MLFLOW_S3_UPLOAD_EXTRA_ARGS', /Expires: not a date/);
  });

  test('a wrong SSE-C key is refused without being shown', () => {
    assert.throws(
      () => s3Settings({ MLFLOW_S3_UPLOAD_EXTRA_ARGS: JSON.stringify({ SSECustomerKey: 12345678901234 }) }),
      (error: unknown) => error instanceof ConfigError && /SSECustomerKey/.test(error.message) && !error.message.includes('12345678901234'),
    );
  });

  test('unsigned requests (MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION) are refused, not silently signed', () => {
    assert.doesNotThrow(() => s3Settings({ MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION: 's3v4' }));
    throwsConfig(() => s3Settings({ MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION: 'unsigned' }), 'MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION', /unsigned access is not supported/);
  });
});

describe('wasbs:// URIs and settings', () => {
  test("a wasbs URI names the container, the account, the cloud's host suffix and a key prefix, as MLflow's parse_wasbs_uri", () => {
    assert.deepEqual(parseWasbsUri(WASBS), { container: 'models', account: 'myaccount', suffix: 'blob.core.windows.net', prefix: 'mlflow/1/abc/artifacts' });
    assert.deepEqual(parseWasbsUri('wasbs://c@acct.blob.core.chinacloudapi.cn'), { container: 'c', account: 'acct', suffix: 'blob.core.chinacloudapi.cn', prefix: '' });
    for (const bad of ['wasbs://acct.blob.core.windows.net/x', 'wasbs://c@acct.dfs.core.windows.net/x', 'wasbs://c@my-acct.blob.core.windows.net/x', 'wasbs://c@acct.blob.example.com/x']) {
      assert.throws(() => parseWasbsUri(bad), ValidationError, bad);
    }
  });

  test("a connection string wins, so requests go to its BlobEndpoint (Azurite's); else the access key for the URI's account; else DefaultAzureCredential", () => {
    const location = parseWasbsUri(WASBS);
    assert.deepEqual(azureSettings(location, { AZURE_STORAGE_CONNECTION_STRING: CONNECTION_STRING, AZURE_STORAGE_ACCESS_KEY: AZURITE_KEY }), {
      kind: 'connection-string',
      connectionString: CONNECTION_STRING,
    });
    assert.deepEqual(azureSettings(location, { AZURE_STORAGE_ACCESS_KEY: AZURITE_KEY }), {
      kind: 'account-key',
      accountUrl: 'https://myaccount.blob.core.windows.net',
      account: 'myaccount',
      accessKey: AZURITE_KEY,
    });
    assert.deepEqual(azureSettings(location, {}), { kind: 'default-credential', accountUrl: 'https://myaccount.blob.core.windows.net' });
  });

  test('a connection string the SDK cannot use, or a key that is not base64, is refused without showing it', () => {
    const location = parseWasbsUri(WASBS);
    for (const value of ['AccountName=myaccount;BlobEndpoint=http://127.0.0.1:10000/myaccount', `AccountName=myaccount;AccountKey=not base64!;`]) {
      assert.throws(
        () => azureSettings(location, { AZURE_STORAGE_CONNECTION_STRING: value }),
        (error: unknown) => error instanceof ConfigError && error.variable === 'AZURE_STORAGE_CONNECTION_STRING' && !error.message.includes('myaccount'),
      );
    }
    throwsConfig(() => azureSettings(location, { AZURE_STORAGE_ACCESS_KEY: 'not a key!' }), 'AZURE_STORAGE_ACCESS_KEY', /base64/);
  });
});

describe('missing SDKs and unsupported stores', () => {
  const nothing = () => undefined;

  test('an s3 URI without the AWS SDK installed says which packages to npm install', () => {
    assert.throws(
      () => new S3ArtifactRepository('s3://bucket/artifacts', { env: {}, requireModule: nothing }),
      (error: unknown) =>
        error instanceof MissingDependencyError &&
        error.packages.join(' ') === '@aws-sdk/client-s3 @aws-sdk/lib-storage' &&
        error.message.includes('npm install @aws-sdk/client-s3 @aws-sdk/lib-storage'),
    );
  });

  test('a wasbs URI without the Azure SDK installed says to npm install @azure/storage-blob', () => {
    assert.throws(
      () => new AzureBlobArtifactRepository(WASBS, { env: { AZURE_STORAGE_CONNECTION_STRING: CONNECTION_STRING }, requireModule: nothing }),
      (error: unknown) => error instanceof MissingDependencyError && error.packages[0] === '@azure/storage-blob' && error.message.includes('npm install @azure/storage-blob'),
    );
  });

  test('a wasbs URI with no Azure credentials in the environment and no @azure/identity says what to set or install', () => {
    const onlyBlob = (name: string) => (name === '@azure/storage-blob' ? require('@azure/storage-blob') : undefined);
    assert.throws(
      () => new AzureBlobArtifactRepository(WASBS, { env: {}, requireModule: onlyBlob }),
      (error: unknown) =>
        error instanceof MissingDependencyError && /AZURE_STORAGE_CONNECTION_STRING/.test(error.message) && error.message.includes('npm install @azure/identity'),
    );
  });

  test('s3 and wasbs URIs get their repositories, built without a request', () => {
    const config = loadConfig({ trackingUri: 'http://127.0.0.1:1' }, {});
    assert.ok(artifactRepositoryFor('s3://bucket/artifacts/0/abc/artifacts', config) instanceof S3ArtifactRepository);
    const saved = process.env.AZURE_STORAGE_CONNECTION_STRING;
    process.env.AZURE_STORAGE_CONNECTION_STRING = CONNECTION_STRING;
    try {
      assert.ok(artifactRepositoryFor(WASBS, config) instanceof AzureBlobArtifactRepository);
    } finally {
      if (saved === undefined) delete process.env.AZURE_STORAGE_CONNECTION_STRING;
      else process.env.AZURE_STORAGE_CONNECTION_STRING = saved;
    }
  });

  test('gs://, abfss:// and other stores are refused with one error naming the supported schemes and serving artifacts through the server', () => {
    const config = loadConfig({ trackingUri: 'http://127.0.0.1:1' }, {});
    for (const [uri, why] of [
      ['gs://bucket/artifacts/0/abc/artifacts', /Google Cloud Storage.*@google-cloud\/storage/],
      ['abfss://fs@acct.dfs.core.windows.net/artifacts', /ADLS Gen2.*wasbs:\/\/<container>@<account>\.blob\.core\.windows\.net/],
      ['hdfs://namenode/artifacts', /"hdfs:" store/],
    ] as const) {
      assert.throws(
        () => artifactRepositoryFor(uri, config),
        (error: unknown) => {
          assert.ok(error instanceof UnsupportedArtifactStoreError, String(error));
          assert.equal(error.scheme, uri.split(':')[0]);
          assert.match(error.message, why);
          assert.match(error.message, /Supported directly: s3:\/\/ .*wasbs:\/\/ .*mlflow-artifacts: and file:/);
          assert.match(error.message, /--serve-artifacts/);
          return true;
        },
      );
    }
  });

  test('the preload and the repository picker load neither the cloud SDKs nor the cloud repositories; an s3 URI loads them', () => {
    const script = [
      "require('./src/register');",
      "const { artifactRepositoryFor } = require('./src/artifacts/repository');",
      "const cloud = () => Object.keys(require.cache).filter((f) => /@aws-sdk|@azure|@smithy|cloud-config|object-store-repo|s3-artifact-repo|azure-artifact-repo/.test(f)).length;",
      'const before = cloud();',
      "const config = require('./src/config/config').loadConfig({ trackingUri: 'http://127.0.0.1:1' }, {});",
      "artifactRepositoryFor('s3://bucket/x', config);",
      'console.log(JSON.stringify({ before, after: cloud() }));',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    const { before, after } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { before: number; after: number };
    assert.equal(before, 0);
    assert.ok(after > 0);
  });
});
