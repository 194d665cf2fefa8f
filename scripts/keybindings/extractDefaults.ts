/**
 * Writes scripts/keybindings/defaults-1.100.json: VS Code's default keybindings on Linux, macOS and
 * Windows, as the workbench itself lists them (Preferences: Open Default Keyboard Shortcuts (JSON)).
 *
 * How: code-server 4.100.3 (VS Code 1.100.3, from `npm run test:setup`) in Chromium; the web
 * workbench takes its keyboard platform from the browser's user agent, so one page per platform with
 * that platform's user agent. The JSON editor's text is copied through the clipboard.
 *
 * The list is checked in (extraction starts a server and a browser: too slow and heavy for a unit
 * test). Run again when `engines.vscode` moves:
 *   npm run compile-tests && node out/scripts/keybindings/extractDefaults.js
 * What the web workbench cannot show (keybindings of the desktop app only) is added by hand in
 * checkKeybindings.ts (DESKTOP_ONLY).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { guardNetwork, launchChromium, REPO_ROOT, startCodeServer, CODE_SERVER_VERSION } from '../vscode-test/codeServer';
import { Workbench } from '../../test/ui/workbench';

export type Platform = 'linux' | 'mac' | 'win';

const USER_AGENTS: Record<Platform, string> = {
  linux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36',
  win: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36',
};

const NAV_PLATFORMS: Record<Platform, { platform: string; uaData: string }> = {
  linux: { platform: 'Linux x86_64', uaData: 'Linux' },
  mac: { platform: 'MacIntel', uaData: 'macOS' },
  win: { platform: 'Win32', uaData: 'Windows' },
};

export const DEFAULTS_FILE = path.join(REPO_ROOT, 'scripts', 'keybindings', 'defaults-1.100.json');

/** The default keybindings file is JSON with `//` comment lines (and commented-out commands). */
export function parseDefaultKeybindings(text: string): Array<{ key: string; command: string; when?: string }> {
  const json = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');
  return JSON.parse(json) as Array<{ key: string; command: string; when?: string }>;
}

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'keybindings-'));
  const server = await startCodeServer({ folder });
  const browser = await launchChromium();
  const result: Record<Platform, Array<[string, string]>> = { linux: [], mac: [], win: [] };
  try {
    for (const platform of Object.keys(USER_AGENTS) as Platform[]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: USER_AGENTS[platform], permissions: ['clipboard-read', 'clipboard-write'] });
      await guardNetwork(context);
      // Chromium keeps reporting its own OS in navigator.platform / userAgentData: say the same as the user agent.
      await context.addInitScript(`(() => {
        const p = ${JSON.stringify(NAV_PLATFORMS[platform])};
        Object.defineProperty(Navigator.prototype, 'platform', { get: () => p.platform });
        Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => ({ platform: p.uaData, mobile: false, brands: [] }) });
      })()`);
      const page = await context.newPage();
      await page.goto(server.workbenchUrl({ folder }));
      const wb = new Workbench(page);
      await wb.waitForWorkbench();
      await wb.runCommand('Preferences: Open Default Keyboard Shortcuts (JSON)');
      const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
      await editor.waitFor({ state: 'visible', timeout: 30_000 });
      await editor.click();
      await page.evaluate('navigator.clipboard.writeText("")');
      // The editor's own Select All and Copy, through the palette: the same on every platform.
      await wb.runCommand('Select All');
      await wb.runCommand('Copy');
      const text = await page.evaluate<string>('navigator.clipboard.readText()');
      if (!text.trim()) throw new Error(`${platform}: nothing was copied from the default keybindings editor`);
      const entries = parseDefaultKeybindings(text);
      result[platform] = entries.map((e) => [e.key, e.command]);
      console.log(`${platform}: ${entries.length} default keybindings`);
      await context.close();
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const out = {
    source: `VS Code ${CODE_SERVER_VERSION.replace(/^4\./, '1.')} web workbench (code-server ${CODE_SERVER_VERSION}), Preferences: Open Default Keyboard Shortcuts (JSON), one user agent per platform; written by scripts/keybindings/extractDefaults.ts`,
    platforms: result,
  };
  fs.writeFileSync(DEFAULTS_FILE, `${JSON.stringify(out, null, 0).replace(/\],\[/g, '],\n[')}\n`);
  console.log(`wrote ${DEFAULTS_FILE}`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
