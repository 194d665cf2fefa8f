/**
 * Every string the user can see has a translation in every language we ship, with the same
 * placeholders: l10n/bundle.l10n.json is exported again from the sources (the analyzer of
 * @vscode/l10n-dev, as `npm run l10n:export` does) and must equal the committed file; each
 * l10n/bundle.l10n.<lang>.json and package.nls.<lang>.json has every key, no empty value, the same
 * `{0}` / `{name}` placeholders (and command links) as the English, and no English left in place.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLE_FILE, exportBundle, L10N_DIR } from '../../../scripts/l10n/export';
import { REPO_ROOT } from '../../../scripts/vscode-test/codeServer';
import { t } from '../../../src/util/l10n';
import { conversationCount, formatCount, relativeTime } from '../../../src/util/present';

export const LANGUAGES = ['pt-br', 'es'] as const;

/**
 * Messages that may read the same in a language: brand names, messages without words, and the
 * availability words pt-BR keeps as they are (Online, Offline).
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'Chatwoot',
  'Chatwoot Assign',
  'Chatwoot: {warning}',
  '{0} (bot)',
  'Bot',
  'bot {0} (bot)',
  'Status',
  'Online',
  'Offline',
  'online',
  'offline',
]);

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

/** `{0}`, `{name}`, sorted; with the `command:` and `](…)` link targets, which must survive translation. */
function placeholders(text: string): string[] {
  const found = [...text.matchAll(/{[^}\s]+}/g)].map((m) => m[0]);
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => `link:${m[1]}`);
  const code = [...text.matchAll(/`([^`]+)`/g)].map((m) => `code:${m[1]}`);
  return [...found, ...links, ...code].sort();
}

/** True when the text has a word to translate (not only placeholders, punctuation and numbers). */
function hasWords(text: string): boolean {
  return /\p{L}{2,}/u.test(text.replace(/{[^}\s]+}/g, ''));
}

function checkTranslation(english: Record<string, unknown>, file: string): void {
  assert.ok(fs.existsSync(file), `${path.relative(REPO_ROOT, file)} is missing`);
  const translated = readJson(file);
  const name = path.relative(REPO_ROOT, file);
  for (const [key, value] of Object.entries(english)) {
    const en = String(value);
    const tr = translated[key];
    assert.equal(typeof tr, 'string', `${name}: no translation of ${JSON.stringify(key)}`);
    const text = tr as string;
    assert.ok(text.trim() !== '', `${name}: the translation of ${JSON.stringify(key)} is empty`);
    assert.deepEqual(placeholders(text), placeholders(en), `${name}: placeholders of ${JSON.stringify(key)} differ: ${JSON.stringify(text)}`);
    if (hasWords(en) && !SAME_IN_EVERY_LANGUAGE.has(en)) assert.notEqual(text, en, `${name}: ${JSON.stringify(key)} is still English`);
  }
  for (const key of Object.keys(translated)) assert.ok(key in english, `${name}: ${JSON.stringify(key)} is no longer used (run npm run l10n:export, then remove it)`);
}

describe('localization: every user-facing string, in every language', function () {
  this.timeout(60_000);
  const english = readJson(BUNDLE_FILE);

  it('l10n/bundle.l10n.json is what the sources say now (npm run l10n:export)', async () => {
    const fresh = await exportBundle();
    assert.ok(Object.keys(fresh).length > 100, 'the export found the messages');
    assert.deepEqual(english, fresh, 'l10n/bundle.l10n.json is out of date: run npm run l10n:export and translate what is new');
  });

  for (const lang of LANGUAGES) {
    it(`l10n/bundle.l10n.${lang}.json translates every message, with the same placeholders`, () => {
      checkTranslation(english, path.join(L10N_DIR, `bundle.l10n.${lang}.json`));
    });
  }

  it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
    const manifest = fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]));
    const nls = readJson(path.join(REPO_ROOT, 'package.nls.json'));
    assert.ok(used.size > 20);
    for (const key of used) assert.equal(typeof nls[key], 'string', `package.nls.json has no ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json: ${key} is not used in package.json`);
  });

  it('package.json shows no English directly: titles, names, welcome texts and descriptions are %key%', () => {
    const pkg = readJson(path.join(REPO_ROOT, 'package.json')) as { displayName: string; description: string; contributes: Record<string, unknown> };
    const literal: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        const shown = [
          'title',
          'category',
          'name',
          'contents',
          'description',
          'markdownDescription',
          'contextualTitle',
          'label',
          'enumDescriptions',
          'markdownEnumDescriptions',
        ].includes(k);
        const values = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : [];
        if (shown) for (const s of values) if (!/^%[^%\s]+%$/.test(s)) literal.push(`${where}.${k}: ${s}`);
        if (!(shown && values.length)) visit(v, `${where}.${k}`);
      }
    };
    visit({ displayName: pkg.displayName, description: pkg.description }, 'package');
    visit(pkg.contributes, 'contributes');
    assert.deepEqual(literal, []);
  });

  for (const lang of LANGUAGES) {
    it(`package.nls.${lang}.json translates every key of package.nls.json`, () => {
      checkTranslation(readJson(path.join(REPO_ROOT, 'package.nls.json')), path.join(REPO_ROOT, `package.nls.${lang}.json`));
    });
  }

  it('the check itself: a missing key, a lost placeholder and untranslated English are caught', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-check-'));
    const english2 = { 'Assign {count} to {name}?': 'Assign {count} to {name}?', Refresh: 'Refresh', Chatwoot: 'Chatwoot' };
    const write = (content: object) => {
      const f = path.join(tmp, 'x.json');
      fs.writeFileSync(f, JSON.stringify(content));
      return f;
    };
    try {
      assert.throws(
        () => checkTranslation(english2, write({ 'Assign {count} to {name}?': 'Atribuir {count} a {nome}?', Refresh: 'Atualizar', Chatwoot: 'Chatwoot' })),
        /placeholders/,
      );
      assert.throws(() => checkTranslation(english2, write({ 'Assign {count} to {name}?': 'Atribuir {count} a {name}?', Chatwoot: 'Chatwoot' })), /no translation/);
      assert.throws(
        () => checkTranslation(english2, write({ 'Assign {count} to {name}?': 'Atribuir {count} a {name}?', Refresh: 'Refresh', Chatwoot: 'Chatwoot' })),
        /still English/,
      );
      checkTranslation(english2, write({ 'Assign {count} to {name}?': 'Atribuir {count} a {name}?', Refresh: 'Atualizar', Chatwoot: 'Chatwoot' }));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('localization: placeholders and counts', () => {
  it('t() outside VS Code: English, {0} and {name} filled as VS Code fills them', () => {
    assert.equal(t('Conversation {0} is now: {1}', '#21', 'Caz'), 'Conversation #21 is now: Caz');
    assert.equal(t('Signed in to {host} as {name}', { host: 'h', name: 'Alice' }), 'Signed in to h as Alice');
    assert.equal(t('{missing} stays', {}), '{missing} stays');
  });

  it('counts and dates use Intl with the language given', () => {
    assert.equal(formatCount(1234, 'pt-br'), '1.234');
    assert.equal(formatCount(1234, 'es'), '1234');
    assert.equal(formatCount(12345, 'es'), '12.345');
    assert.equal(conversationCount(1, 'en'), '1 conversation');
    assert.equal(conversationCount(0, 'en'), '0 conversations');
    assert.equal(conversationCount(1234, 'en'), '1,234 conversations');
    assert.equal(relativeTime(1000 - 3 * 3600, 1000 * 1000, 'pt-br'), 'há 3 horas');
    assert.equal(relativeTime(1000 - 24 * 3600, 1000 * 1000, 'es'), 'ayer');
  });
});
