/** Which of Chatwoot's meta counts describes the rows of an `assignee_type` filter (Chatwoot sends no total of its own). */
import type { ConversationCounts } from './schemas';

export type AssigneeFilter = 'me' | 'unassigned' | 'assigned' | 'all';

export function countFor(meta: ConversationCounts, filter: AssigneeFilter): number {
  switch (filter) {
    case 'me':
      return meta.mine_count;
    case 'unassigned':
      return meta.unassigned_count;
    case 'assigned':
      return meta.assigned_count;
    case 'all':
      return meta.all_count;
  }
}
