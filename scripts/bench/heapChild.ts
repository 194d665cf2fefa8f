/**
 * Heap growth of paging through a large account in the Conversations tree, in a fresh process run
 * with --expose-gc: `node --expose-gc heapChild.js BUNDLE_DIR SERVER_URL TOKEN ACCOUNT_ID`. Drives
 * the real tree provider (the shipped bundle, stub `vscode`) as VS Code does: expand the account,
 * expand All, then "Load more…" and ask for the group's children again, until every page is loaded,
 * keeping only the latest children (as the tree does). Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { TreeNode } from '../../src/views';
import { startHost } from './host';
import { sleep } from './stats';

export interface HeapSample {
  heapGrowthMb: number;
  baselineMb: number;
  conversations: number;
  pages: number;
  ms: number;
  /** Slowest single "Load more" + getChildren, in ms (what the user waits for after the request). */
  slowestPageMs: number;
}

async function main(): Promise<void> {
  const [dir, url, token, account] = process.argv.slice(2);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const host = await startHost(dir, url, token);
  const provider = host.ext.view.treeDataProvider;
  const accountNode = (await provider.getChildren()).find((n) => n.kind === 'account' && n.accountId === Number(account));
  if (!accountNode) throw new Error(`account ${account} is not in the tree`);
  const all = (await provider.getChildren(accountNode)).find((n) => n.kind === 'group' && n.group === 'all');
  if (!all) throw new Error('no All group');
  let children: TreeNode[] = await provider.getChildren(all);
  await sleep(300); // the badge's deferred counts
  const baseline = heap();
  const start = performance.now();
  let pages = 1;
  let slowest = 0;
  for (;;) {
    const last = children[children.length - 1];
    if (last?.kind !== 'loadMore') break;
    const t = performance.now();
    await host.editor.execute('chatwoot.loadMore', last);
    children = await provider.getChildren(all);
    slowest = Math.max(slowest, performance.now() - t);
    pages++;
  }
  const ms = performance.now() - start;
  const end = heap();
  const sample: HeapSample = {
    heapGrowthMb: (end - baseline) / 2 ** 20,
    baselineMb: baseline / 2 ** 20,
    conversations: children.filter((n) => n.kind === 'conversation').length,
    pages,
    ms,
    slowestPageMs: slowest,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  host.dispose();
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
