/**
 * Searching files and text for a secret, binary-safe (SQLite state.vscdb, LevelDB, logs, anything),
 * in the encodings it could hide in; and opening code-server's sealed secret storage. Used by the
 * UI test test/ui/security.ui.test.ts; checked by secretSearch.test.ts.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Byte strings a secret can appear as: plain (UTF-8/latin1), UTF-16LE/BE, base64 at each of the 3 alignments, hex. */
export function secretNeedles(secret: string): Array<{ encoding: string; bytes: Buffer }> {
  const plain = Buffer.from(secret, 'utf8');
  const needles = [
    { encoding: 'utf8', bytes: plain },
    { encoding: 'utf16le', bytes: Buffer.from(secret, 'utf16le') },
    { encoding: 'utf16be', bytes: Buffer.from(secret, 'utf16le').swap16() },
    { encoding: 'hex', bytes: Buffer.from(plain.toString('hex')) },
    { encoding: 'HEX', bytes: Buffer.from(plain.toString('hex').toUpperCase()) },
    { encoding: 'byte list', bytes: Buffer.from([...plain].join(',')) },
  ];
  for (const variant of ['base64', 'base64url'] as const) {
    for (let shift = 0; shift < 3; shift++) {
      // Encode behind `shift` filler bytes, then keep only the characters that depend on the secret alone.
      const encoded = Buffer.concat([Buffer.alloc(shift), plain])
        .toString(variant)
        .replace(/=+$/, '');
      const head = shift === 0 ? 0 : 4;
      const tail = (shift + plain.length) % 3 === 0 ? encoded.length : encoded.length - ((shift + plain.length) % 3 === 1 ? 2 : 3);
      needles.push({ encoding: `${variant}+${shift}`, bytes: Buffer.from(encoded.slice(head, tail)) });
    }
  }
  return needles;
}

export interface SecretHit {
  file: string;
  encoding: string;
  offset: number;
}

/** Every regular file below `roots` (symlinks not followed), any size or format, searched for every needle. */
export function findSecretInFiles(roots: readonly string[], secret: string): { hits: SecretHit[]; files: number; bytes: number } {
  const needles = secretNeedles(secret);
  const hits: SecretHit[] = [];
  let files = 0;
  let bytes = 0;
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return; // removed meanwhile
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (st.isFile()) {
      const data = fs.readFileSync(p);
      files++;
      bytes += data.length;
      for (const n of needles) {
        const offset = data.indexOf(n.bytes);
        if (offset >= 0) hits.push({ file: p, encoding: n.encoding, offset });
      }
    }
  };
  for (const r of roots) if (fs.existsSync(r)) visit(r);
  return { hits, files, bytes };
}

export function findSecretInText(text: string, secret: string): string[] {
  const data = Buffer.from(text, 'utf8');
  return secretNeedles(secret)
    .filter((n) => data.includes(n.bytes))
    .map((n) => n.encoding);
}

/** Opens code-server's sealed secret map (see the file comment); returns key → value. */
export function unsealCodeServerSecrets(sealed: string, userDataDir: string): Record<string, string> {
  const serverHalf = fs.readFileSync(path.join(userDataDir, 'serve-web-key-half'));
  const raw = Buffer.from(sealed, 'base64');
  const clientKey = raw.subarray(0, 32);
  const iv = raw.subarray(32, 44);
  const body = raw.subarray(44);
  const key = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) key[i] = clientKey[i] ^ serverHalf[i];
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(body.subarray(body.length - 16));
  const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, string>;
}
