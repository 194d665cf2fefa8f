/**
 * Our default keybindings take no key VS Code 1.100 binds by default, on any platform
 * (scripts/checkKeybindings.ts against the list copied from the workbench), and the keys the
 * README documents are the ones package.json declares.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findClashes, keyOn, normalizeKey, PLATFORMS, readDefaults, readOurKeybindings, type Keybinding } from '../../../scripts/checkKeybindings';
import { REPO_ROOT } from '../../../scripts/vscode-test/codeServer';

describe('default keybindings', () => {
  const defaults = readDefaults(REPO_ROOT);
  const ours = readOurKeybindings(REPO_ROOT);

  it('the copied defaults cover all three platforms', () => {
    for (const p of PLATFORMS) assert.ok(defaults.platforms[p].length > 900, `${p}: ${defaults.platforms[p].length} defaults`);
    const quickOpen = (p: (typeof PLATFORMS)[number]) => defaults.platforms[p].filter(([, c]) => c === 'workbench.action.quickOpen').map(([k]) => normalizeKey(k));
    assert.ok(quickOpen('mac').includes('meta+p'), 'macOS keys use cmd');
    assert.ok(quickOpen('linux').includes('ctrl+p'));
    assert.ok(quickOpen('win').includes('ctrl+p'));
  });

  it('declares the four documented keybindings', () => {
    assert.deepEqual(ours.map((b) => b.command).sort(), ['chatwoot.assignConversation', 'chatwoot.assignToMe', 'chatwoot.openConversation', 'chatwoot.unassign']);
    for (const b of ours.filter((k) => k.command !== 'chatwoot.assignConversation')) {
      assert.match(b.when ?? '', /^focusedView == chatwoot\.conversations && listFocus && !inputFocus\b/, `${b.command} is for the focused row`);
      assert.deepEqual(b.args, { focusedRow: true });
    }
  });

  it('none of them equals or shadows a VS Code default on Linux, macOS or Windows', () => {
    const clashes = findClashes(ours, defaults.platforms);
    assert.deepEqual(clashes, [], clashes.map((c) => `${c.platform}: ${c.command} ${c.key} vs ${c.defaultKey} (${c.defaultCommand})`).join('\n'));
  });

  it('the check finds a clash: same key, other modifier order, chord prefix, platform override', () => {
    const probe: Keybinding[] = [
      { command: 'x.quickOpen', key: 'Ctrl+P', mac: 'cmd+alt+z' },
      { command: 'x.order', key: 'shift+ctrl+p' },
      { command: 'x.chord', key: 'ctrl+k z' },
      { command: 'x.mac', key: 'ctrl+alt+z', mac: 'cmd+p' },
    ];
    const found = findClashes(probe, defaults.platforms).map((c) => `${c.platform} ${c.command}`);
    assert.ok(found.includes('linux x.quickOpen') && found.includes('win x.quickOpen'));
    assert.ok(found.includes('linux x.order'), 'ctrl+shift+p (the Command Palette)');
    assert.ok(found.includes('linux x.chord'), 'ctrl+k starts VS Code chords');
    assert.ok(found.includes('mac x.mac') && !found.includes('linux x.mac'));
    assert.ok(findClashes([{ command: 'x.newWindow', key: 'ctrl+shift+n', mac: 'cmd+shift+n' }], defaults.platforms).length >= 3, 'desktop-only keys count too');
  });

  it('normalizes keys the way VS Code writes them', () => {
    assert.equal(normalizeKey('Shift+Ctrl+A'), 'ctrl+shift+a');
    assert.equal(normalizeKey('cmd+alt+a'), 'alt+meta+a');
    assert.equal(normalizeKey('ctrl+k  ctrl+c'), 'ctrl+k ctrl+c');
    assert.equal(keyOn({ command: 'c', key: 'ctrl+alt+a', mac: 'ctrl+cmd+a' }, 'mac'), 'ctrl+meta+a');
  });

  it('README lists each key in the Keys column of its command', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const b of ours) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${b.command}\``));
      assert.ok(row, `README has a row for ${b.command}`);
      for (const k of new Set([b.key, b.mac ?? b.key])) {
        const shown = k
          .split('+')
          .map((part) => part[0].toUpperCase() + part.slice(1))
          .join('+');
        assert.ok(row.toLowerCase().includes(shown.toLowerCase()), `${b.command}: README shows ${shown}; row: ${row}`);
      }
    }
  });
});
