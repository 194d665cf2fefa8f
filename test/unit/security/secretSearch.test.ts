/** The secret search of the UI test finds what it claims to find (so its empty result means something). */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findSecretInFiles, findSecretInText, secretNeedles, unsealCodeServerSecrets } from './secretSearch';

const SECRET = 'aLiceTkn2222222222222222';

describe('secret search (used by the UI security test)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-secret-search-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the secret inside binary files in every encoding, at every base64 alignment', () => {
    const noise = crypto.randomBytes(100);
    const samples: Record<string, Buffer> = {
      'sqlite-like.vscdb': Buffer.concat([Buffer.from('SQLite format 3\0'), noise, Buffer.from(`{"k":"${SECRET}"}`), noise]),
      'utf16.bin': Buffer.concat([noise, Buffer.from(`x${SECRET}y`, 'utf16le')]),
      'hex.txt': Buffer.from(`id=${Buffer.from(SECRET).toString('hex')};`),
      'bytes.json': Buffer.from(JSON.stringify({ data: [...Buffer.from(`<${SECRET}>`)] })),
    };
    for (let shift = 0; shift < 3; shift++) {
      samples[`b64-${shift}.txt`] = Buffer.from(Buffer.concat([crypto.randomBytes(shift), Buffer.from(SECRET), crypto.randomBytes(5)]).toString('base64'));
      samples[`b64url-${shift}.txt`] = Buffer.from(Buffer.concat([crypto.randomBytes(shift + 3), Buffer.from(SECRET)]).toString('base64url'));
    }
    fs.mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
    for (const [name, data] of Object.entries(samples)) fs.writeFileSync(path.join(dir, 'deep', 'er', name), data);
    fs.writeFileSync(path.join(dir, 'clean.txt'), 'nothing here ' + SECRET.slice(0, 10));

    const { hits, files } = findSecretInFiles([dir, path.join(dir, 'missing')], SECRET);
    assert.equal(files, Object.keys(samples).length + 1);
    const found = new Set(hits.map((h) => path.basename(h.file)));
    assert.deepEqual([...found].sort(), Object.keys(samples).sort());
    assert.ok(!found.has('clean.txt'));
  });

  it('finds it in text (DOM, console output, browser storage JSON) and only there', () => {
    assert.deepEqual(findSecretInText(`<div>${SECRET}</div>`, SECRET), ['utf8']);
    assert.deepEqual(findSecretInText('<div>nothing</div>', SECRET), []);
    assert.equal(secretNeedles(SECRET).length, 12);
  });

  it("opens code-server's sealed secret map: base64(clientKey ‖ IV ‖ AES-256-GCM ciphertext+tag), key = clientKey XOR serve-web-key-half", () => {
    const serverHalf = crypto.randomBytes(32);
    fs.writeFileSync(path.join(dir, 'serve-web-key-half'), serverHalf);
    const clientKey = crypto.randomBytes(32);
    const iv = crypto.randomBytes(12);
    const key = Buffer.from(clientKey.map((b, i) => b ^ serverHalf[i]));
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const secrets = { '{"extensionId":"x.y","key":"k"}': JSON.stringify({ token: SECRET }) };
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets)), cipher.final(), cipher.getAuthTag()]);
    const sealed = Buffer.concat([clientKey, iv, body]).toString('base64');
    assert.deepEqual(findSecretInText(sealed, SECRET), [], 'sealed, the secret is not findable');
    assert.deepEqual(unsealCodeServerSecrets(sealed, dir), secrets);
  });
});
