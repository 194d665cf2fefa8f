/**
 * What the assign feature keeps for the life of the window, per extension instance (keyed by its
 * `Services`, so tests that activate twice never share one): the undo journal. Signing in as
 * someone else (or to another server) empties it: the assignments recorded were made by another
 * user, and undoing them here would act in their name.
 */
import type { Services } from '../../commands/services';
import { UndoJournal } from './journal';

const journals = new WeakMap<Services, UndoJournal>();

export function undoJournal(s: Services): UndoJournal {
  let journal = journals.get(s);
  if (!journal) {
    const created = (journal = new UndoJournal());
    journals.set(s, created);
    s.connection.onDidChange(() => created.clear());
  }
  return journal;
}
