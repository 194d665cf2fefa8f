/**
 * Guards of the activation budget (issue 5), on the production bundles built like the package:
 * activation loads extension.js only (undici, zod and the assign feature load later), and that file
 * stays within 60 KB. Times are the benchmark's business (npm run bench), not asserted here.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ActivationSample } from '../../../scripts/bench/activateChild';
import { buildBundles, type Bundles } from '../../../scripts/bench/build';

const CHILD = path.resolve(__dirname, '..', '..', '..', 'scripts', 'bench', 'activateChild.js');

function activate(dir: string): ActivationSample {
  const out = execFileSync(process.execPath, [CHILD, dir, 'http://127.0.0.1:9', 'benchTokenbenchTokenbench'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ActivationSample;
}

describe('activation budget (production bundles)', function () {
  this.timeout(60_000);
  let bundles: Bundles;
  before(() => (bundles = buildBundles()));
  after(() => bundles?.dispose());

  it('activation (signed in) loads dist/extension.js only, at most 60 KB', () => {
    const sample = activate(bundles.lazyDir);
    assert.deepEqual(
      sample.loaded.map((f) => f.file),
      ['extension.js'],
    );
    assert.ok(bundles.activationBytes <= 60 * 1024, `extension.js is ${bundles.activationBytes} bytes`);
  });

  it('markdown-it (the conversation tab) is in conversation.js only: neither activation nor the assign commands load it', () => {
    const read = (f: string) => fs.readFileSync(path.join(bundles.lazyDir, f), 'utf8');
    const markdownIt = /linkify|markdown-it|validateLink/;
    assert.match(read('conversation.js'), markdownIt);
    assert.doesNotMatch(read('extension.js'), markdownIt);
    assert.doesNotMatch(read('assign.js'), markdownIt);
    assert.match(read('extension.js'), /require\("\.\/conversation\.js"\)/);
  });

  it('the eager comparison bundle really holds the API layer', () => {
    assert.ok(bundles.eagerBytes > 10 * bundles.activationBytes, `${bundles.eagerBytes} vs ${bundles.activationBytes}`);
    assert.ok(bundles.apiBytes > 300 * 1024 && bundles.assignBytes > 0);
  });
});
