/** The undo journal: what is kept per assignment, for how long, and which entry "Undo Last Assignment" takes. */
import * as assert from 'node:assert/strict';
import { JOURNAL_MAX, UNDO_WINDOW_MS, UndoJournal } from '../../../src/assign/undo/journal';
import type { AssignmentState } from '../../../src/assign/undo/recipe';

const unassigned: AssignmentState = { assignee: { kind: 'none' }, team: null };
const bob: AssignmentState = { assignee: { kind: 'user', id: 2, name: 'Bob' }, team: null };
const bobSales: AssignmentState = { assignee: { kind: 'user', id: 2, name: 'Bob' }, team: { id: 1, name: 'sales' } };

describe('undo journal', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('records before, then after once the re-read settles it', async () => {
    const journal = new UndoJournal(clock);
    const entry = journal.record(1, 'assignment of conversation #21 to Bob', [{ displayId: 21, before: unassigned }]);
    assert.equal(entry.items[0].after, undefined);
    let settled = false;
    void entry.settled.then(() => (settled = true));
    await Promise.resolve();
    assert.equal(settled, false, 'not settled before the re-read');
    journal.settle(entry.id, new Map([[21, bob]]));
    await entry.settled;
    assert.deepEqual(entry.items[0], { displayId: 21, before: unassigned, after: bob });
  });

  it('an entry recorded with every after is settled at once; a failed re-read leaves after unknown but settles', async () => {
    const journal = new UndoJournal(clock);
    await journal.record(1, 'bulk', [{ displayId: 1, before: unassigned, after: bob }]).settled;
    const e = journal.record(1, 'single', [{ displayId: 2, before: unassigned }]);
    journal.settle(e.id, new Map());
    await e.settled;
    assert.equal(e.items[0].after, undefined);
  });

  it('last() is the newest entry within 10 minutes that was not undone', () => {
    const journal = new UndoJournal(clock);
    assert.equal(journal.last(), undefined);
    const a = journal.record(1, 'a', [{ displayId: 1, before: unassigned, after: bob }]);
    now += 1000;
    const b = journal.record(1, 'b', [{ displayId: 2, before: bob, after: bobSales }]);
    assert.equal(journal.last()?.id, b.id);
    journal.markUndone(b.id);
    assert.equal(journal.last()?.id, a.id);
    assert.equal(journal.whyNot(b.id), 'undone');
    now = a.at + UNDO_WINDOW_MS + 1;
    assert.equal(journal.last(), undefined, 'older than 10 minutes');
    assert.equal(journal.get(a.id), undefined);
    assert.equal(journal.whyNot(a.id), 'expired');
  });

  it('reopen() lets an undo that failed on the way be tried again', () => {
    const journal = new UndoJournal(clock);
    const a = journal.record(1, 'a', [{ displayId: 1, before: unassigned, after: bob }]);
    journal.markUndone(a.id);
    assert.equal(journal.get(a.id), undefined);
    journal.reopen(a.id);
    assert.equal(journal.get(a.id)?.id, a.id);
  });

  it('keeps at most JOURNAL_MAX entries, dropping the oldest; clear() forgets everything', () => {
    const journal = new UndoJournal(clock);
    const first = journal.record(1, 'first', [{ displayId: 1, before: unassigned }]);
    for (let i = 0; i < JOURNAL_MAX; i++) journal.record(1, `n${i}`, [{ displayId: i + 2, before: unassigned, after: bob }]);
    assert.equal(journal.all().length, JOURNAL_MAX);
    assert.equal(journal.whyNot(first.id), 'expired');
    journal.clear();
    assert.equal(journal.all().length, 0);
    assert.equal(journal.last(), undefined);
  });
});
