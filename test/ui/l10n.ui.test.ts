/**
 * UI test in Portuguese: VS Code's display language set to pt-br (code-server `--locale pt-br` and an
 * empty language pack, see `StartCodeServerOptions.locale`), the extension installed from the built
 * `.vsix`. The workbench's own words stay English (no real language pack offline); the extension's
 * come from package.nls.pt-br.json (the palette) and l10n/bundle.l10n.pt-br.json (quick pick
 * titles, placeholders, notifications). Screenshots under test-results/screenshots/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED_TOKENS, startFake, type FakeChatwoot } from '../support/fake';
import { REPO_ROOT } from '../../scripts/vscode-test/codeServer';
import { useWorkbench } from './workbench';

const VSIX = path.join(REPO_ROOT, 'chatwoot-assign.vsix');
const PT = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.pt-br.json'), 'utf8')) as Record<string, string>;

describe('Chatwoot Assign in Portuguese (display language pt-br)', function () {
  this.timeout(90_000);
  let fake: FakeChatwoot;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} must be built first (npm run package)`);
    fake = await startFake();
  });
  after(() => fake?.close());

  const ui = useWorkbench(() => ({ vsix: VSIX, locale: 'pt-br', settings: { 'chatwoot.serverUrl': fake.url } }));
  const host = () => new URL(fake.url).host;

  it('the palette shows the command titles of package.nls.pt-br.json; signing in is answered in Portuguese', async () => {
    const { wb } = ui;
    assert.equal(PT['command.signIn.title'], 'Definir token de API');
    await wb.runCommand(`Chatwoot: ${PT['command.signIn.title']}`);
    await wb.quickInput.waitForOpen({ title: `Chatwoot: definir token de API para ${host()}` });
    assert.match(await wb.quickInput.message(), /^Cole o token de acesso de Chatwoot → Configurações do perfil → Token de acesso\./);
    await wb.screenshot('l10n-01-pt-br-token');
    await wb.answerInputBox(SEED_TOKENS.alice, { password: true });
    assert.equal(await wb.waitForToast(/^Conectado a/), `Conectado a ${host()} como Alice Anderson`);
    await wb.clearNotifications();
  });

  it('Atribuir conversa: the quick pick titles, placeholders and the final notification are Portuguese', async () => {
    const { wb } = ui;
    const qi = wb.quickInput;
    const mark = fake.requests.length;
    await wb.runCommand(`Chatwoot: ${PT['command.assignConversation.title']}`);
    await qi.waitForOpen({ placeholder: 'Escolha a conta do Chatwoot', title: /^Atribuir conversa/ });
    await wb.screenshot('l10n-02-pt-br-account');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#47 /);
    assert.match(await qi.title(), /^Atribuir conversa — Acme Support/);
    await qi.fill('#21');
    await qi.pick(/^#21 /);
    await qi.waitForOpen({ placeholder: 'Atribuir #21 a…', title: /^Atribuir conversa/ });
    await qi.waitForItem('Caz');
    await wb.screenshot('l10n-03-pt-br-assignee');
    await qi.pick('Caz', { filter: 'Caz' });
    assert.equal(await wb.waitForToast(/^Conversa #21/), 'Conversa #21 atribuída a Caz');
    await wb
      .toast(/^Conversa #21/)
      .locator('.monaco-button', { hasText: 'Abrir no Chatwoot' })
      .waitFor();
    await wb.docScreenshot('l10n-04-pt-br-assigned', 'pt-br');
    const posts = fake.requests.slice(mark).filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => [r.path, r.body]),
      [['/api/v1/accounts/1/conversations/21/assignments', { assignee_id: 3 }]],
    );
  });
});
