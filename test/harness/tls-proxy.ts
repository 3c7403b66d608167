/**
 * HTTPS in front of the real MLflow server: a certificate authority and a server certificate
 * made with the `openssl` command line (as an operator would make them), and a small
 * TLS-terminating reverse proxy on loopback that forwards every request to the server as is.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificates {
  /** The folder holding every file below. */
  dir: string;
  /** The CA's certificate (PEM): what MLFLOW_TRACKING_SERVER_CERT_PATH points at. */
  caCert: string;
  /** The server's key and its certificate for 127.0.0.1 and localhost, signed by the CA. */
  serverKey: string;
  serverCert: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/** Makes a fresh CA (`name` in its subject) and a server certificate it signs, in a temporary folder. */
export async function makeCertificates(name = 'mlflow-autolog test CA'): Promise<Certificates> {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  await openssl(
    [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', `/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  await openssl(
    ['x509', '-req', '-sha256', '-days', '2', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-extfile', 'server.ext'],
    dir,
  );
  return { dir, caCert: join(dir, 'ca.pem'), serverKey: join(dir, 'server.key'), serverCert: join(dir, 'server.pem') };
}

export interface TlsProxy {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** Requests that completed the TLS handshake and reached the proxy. */
  requests: number;
  close(): Promise<void>;
}

/** Serves HTTPS with `certs`' server certificate and forwards every request to `target` (http). */
export async function startTlsProxy(target: string, certs: Certificates): Promise<TlsProxy> {
  const upstream = new URL(target);
  const state = { requests: 0 };
  const server = createServer({ key: readFileSync(certs.serverKey), cert: readFileSync(certs.serverCert) }, (req, res) => {
    state.requests++;
    const proxied = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    proxied.on('error', () => res.destroy());
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
