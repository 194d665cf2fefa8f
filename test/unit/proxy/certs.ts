/**
 * A throw-away certificate authority for tests, made with the openssl CLI in a temp dir: a CA and a
 * server certificate it signed for 127.0.0.1, 127.0.0.2, ::1 and localhost (EC P-256, valid 2
 * days). Nothing is committed, so nothing expires in the repository.
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestCa {
  dir: string;
  /** PEM file of the CA certificate (what goes into chatwoot.caCertificates). */
  caFile: string;
  caPem: string;
  /** The server's key and certificate (for a TLS front). */
  key: string;
  cert: string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  const r = cp.spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`openssl is needed for the certificate tests: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${r.stderr}`);
}

/** `name` only labels the certificates (their subject CN). */
export function makeTestCa(name = 'Chatwoot Assign test'): TestCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-test-ca-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      `/CN=${name} CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${name} server`], dir);
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' + 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2,IP:::1,DNS:localhost\n',
  );
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext'], dir);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    caPem: read('ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
