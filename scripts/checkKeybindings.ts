/**
 * Checks that none of our default keybindings (package.json `contributes.keybindings`) takes a key
 * VS Code 1.100 already binds by default, on Linux, macOS or Windows, whatever the `when` clause
 * (a user may well have both contexts true, and a shadowed default is a surprise).
 *
 * The defaults: scripts/keybindings/defaults-1.100.json, copied from the workbench itself by
 * scripts/keybindings/extractDefaults.ts (code-server 4.100.3 = VS Code 1.100.3, the floor of
 * `engines.vscode`), plus DESKTOP_ONLY below (bindings of the desktop app that the web workbench
 * does not have).
 *
 * A clash is the same key sequence, or a chord whose first key is bound on its own (or the other way
 * round): either would shadow one of the two.
 *
 *   npm run compile-tests && node out/scripts/checkKeybindings.js     (exit 1 on a clash)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Platform = 'linux' | 'mac' | 'win';
export const PLATFORMS: readonly Platform[] = ['linux', 'mac', 'win'];

export interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  linux?: string;
  win?: string;
  when?: string;
  args?: unknown;
}

export interface DefaultKeybindings {
  source: string;
  platforms: Record<Platform, Array<[key: string, command: string]>>;
}

/**
 * Keybindings of desktop VS Code 1.100 that the web workbench leaves out or replaces (window
 * management, dev tools, zoom, and the editor keys a browser would keep for itself: the web build
 * binds e.g. ctrl+alt+n instead of ctrl+n). Source: vscode 1.100 src/vs/workbench/electron-sandbox/
 * actions and the `isWeb ? … : …` bindings of src/vs/workbench (files, editor and window actions).
 */
export const DESKTOP_ONLY: Record<Platform, Array<[string, string]>> = {
  linux: [
    ['ctrl+shift+n', 'workbench.action.newWindow'],
    ['ctrl+shift+w', 'workbench.action.closeWindow'],
    ['ctrl+shift+i', 'workbench.action.toggleDevTools'],
    ['ctrl+r', 'workbench.action.reloadWindow'],
    ['ctrl+q', 'workbench.action.quit'],
    ['ctrl+=', 'workbench.action.zoomIn'],
    ['ctrl+-', 'workbench.action.zoomOut'],
    ['ctrl+numpad0', 'workbench.action.zoomReset'],
    ['ctrl+n', 'workbench.action.files.newUntitledFile'],
    ['ctrl+w', 'workbench.action.closeActiveEditor'],
    ['ctrl+f4', 'workbench.action.closeActiveEditor'],
    ['ctrl+shift+t', 'workbench.action.reopenClosedEditor'],
    ['ctrl+tab', 'workbench.action.quickOpenPreviousRecentlyUsedEditorInGroup'],
    ['ctrl+shift+tab', 'workbench.action.quickOpenLeastRecentlyUsedEditorInGroup'],
    ['ctrl+o', 'workbench.action.files.openFile'],
    ['ctrl+k ctrl+o', 'workbench.action.files.openFolder'],
    ['f11', 'workbench.action.toggleFullScreen'],
  ],
  mac: [
    ['shift+cmd+n', 'workbench.action.newWindow'],
    ['shift+cmd+w', 'workbench.action.closeWindow'],
    ['alt+cmd+i', 'workbench.action.toggleDevTools'],
    ['cmd+r', 'workbench.action.reloadWindow'],
    ['cmd+q', 'workbench.action.quit'],
    ['cmd+=', 'workbench.action.zoomIn'],
    ['cmd+-', 'workbench.action.zoomOut'],
    ['cmd+numpad0', 'workbench.action.zoomReset'],
    ['cmd+n', 'workbench.action.files.newUntitledFile'],
    ['cmd+w', 'workbench.action.closeActiveEditor'],
    ['shift+cmd+t', 'workbench.action.reopenClosedEditor'],
    ['ctrl+tab', 'workbench.action.quickOpenPreviousRecentlyUsedEditorInGroup'],
    ['ctrl+shift+tab', 'workbench.action.quickOpenLeastRecentlyUsedEditorInGroup'],
    ['cmd+o', 'workbench.action.files.openFileFolder'],
    ['ctrl+cmd+f', 'workbench.action.toggleFullScreen'],
    ['ctrl+w', 'workbench.action.switchWindow'],
    ['cmd+h', 'hide (macOS)'],
    ['alt+cmd+h', 'hide others (macOS)'],
    ['cmd+m', 'minimize (macOS)'],
  ],
  win: [
    ['ctrl+shift+n', 'workbench.action.newWindow'],
    ['ctrl+shift+w', 'workbench.action.closeWindow'],
    ['alt+f4', 'workbench.action.closeWindow'],
    ['ctrl+shift+i', 'workbench.action.toggleDevTools'],
    ['ctrl+r', 'workbench.action.reloadWindow'],
    ['ctrl+=', 'workbench.action.zoomIn'],
    ['ctrl+-', 'workbench.action.zoomOut'],
    ['ctrl+numpad0', 'workbench.action.zoomReset'],
    ['ctrl+n', 'workbench.action.files.newUntitledFile'],
    ['ctrl+w', 'workbench.action.closeActiveEditor'],
    ['ctrl+f4', 'workbench.action.closeActiveEditor'],
    ['ctrl+shift+t', 'workbench.action.reopenClosedEditor'],
    ['ctrl+tab', 'workbench.action.quickOpenPreviousRecentlyUsedEditorInGroup'],
    ['ctrl+shift+tab', 'workbench.action.quickOpenLeastRecentlyUsedEditorInGroup'],
    ['ctrl+o', 'workbench.action.files.openFile'],
    ['ctrl+k ctrl+o', 'workbench.action.files.openFolder'],
    ['f11', 'workbench.action.toggleFullScreen'],
  ],
};

const MODIFIER_ORDER = ['ctrl', 'shift', 'alt', 'meta'];
const ALIASES: Record<string, string> = { cmd: 'meta', win: 'meta', super: 'meta', option: 'alt', opt: 'alt', control: 'ctrl', ctl: 'ctrl' };

/** `Shift+Ctrl+A  K` → `ctrl+shift+a k`: lower case, modifiers in one order, one space between chords. */
export function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((chord) => {
      // '+' itself may be the key (ctrl++): the last part is the key, whatever it is
      const parts = chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : chord.split('+');
      const keyPart = parts.pop() ?? '';
      const mods = [...new Set(parts.map((m) => ALIASES[m] ?? m))].sort((a, b) => MODIFIER_ORDER.indexOf(a) - MODIFIER_ORDER.indexOf(b));
      return [...mods, keyPart].join('+');
    })
    .join(' ');
}

/** The key a binding has on a platform (`mac` / `linux` / `win` override `key`). */
export function keyOn(binding: Keybinding, platform: Platform): string {
  return normalizeKey(binding[platform] ?? binding.key);
}

export interface Clash {
  platform: Platform;
  command: string;
  key: string;
  defaultKey: string;
  defaultCommand: string;
}

function shadows(a: string, b: string): boolean {
  if (a === b) return true;
  const [a1, ...aRest] = a.split(' ');
  const [b1, ...bRest] = b.split(' ');
  // a chord and a single key starting it: pressing the key would wait for (or swallow) the chord
  return (aRest.length === 0 && bRest.length > 0 && a1 === b1) || (bRest.length === 0 && aRest.length > 0 && a1 === b1);
}

export function findClashes(ours: readonly Keybinding[], defaults: DefaultKeybindings['platforms'], extra: Record<Platform, Array<[string, string]>> = DESKTOP_ONLY): Clash[] {
  const clashes: Clash[] = [];
  for (const platform of PLATFORMS) {
    const theirs = [...defaults[platform], ...extra[platform]].map(([k, c]) => [normalizeKey(k), c] as const);
    for (const b of ours) {
      const key = keyOn(b, platform);
      for (const [defaultKey, defaultCommand] of theirs) {
        if (shadows(key, defaultKey)) clashes.push({ platform, command: b.command, key, defaultKey, defaultCommand });
      }
    }
  }
  return clashes;
}

export function readDefaults(root: string): DefaultKeybindings {
  return JSON.parse(fs.readFileSync(path.join(root, 'scripts', 'keybindings', 'defaults-1.100.json'), 'utf8')) as DefaultKeybindings;
}

export function readOurKeybindings(root: string): Keybinding[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes?: { keybindings?: Keybinding[] } };
  return manifest.contributes?.keybindings ?? [];
}

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

if (require.main === module) {
  const root = findRoot(__dirname);
  const defaults = readDefaults(root);
  const ours = readOurKeybindings(root);
  const clashes = findClashes(ours, defaults.platforms);
  for (const b of ours) console.log(`${b.command}: ${PLATFORMS.map((p) => `${p} ${keyOn(b, p)}`).join(', ')}`);
  for (const c of clashes) console.error(`CLASH on ${c.platform}: ${c.command} (${c.key}) vs default ${c.defaultKey} → ${c.defaultCommand}`);
  console.log(clashes.length ? `${clashes.length} clash(es) with ${defaults.source}` : `no clash with ${defaults.source} (+ desktop-only keys)`);
  process.exit(clashes.length ? 1 : 0);
}
