// Notification rows (API-FACTS-LIVE §7.1): one table per store, ids global and increasing
// like a DB sequence. Only the fields the list route and the cable payloads need.

export type NotificationType =
  | 'conversation_creation'
  | 'conversation_assignment'
  | 'assigned_conversation_new_message'
  | 'conversation_mention'
  | 'participating_conversation_new_message';

export interface Notification {
  id: number;
  accountId: number;
  userId: number;
  type: NotificationType;
  /** primary_actor: always a Conversation, by database id. */
  conversationDbId: number;
  readAt: number | null;
  snoozedUntil: number | null;
  createdAt: number;
  lastActivityAt: number;
}

export class NotificationTable {
  readonly rows: Notification[] = [];
  private nextId = 1;

  add(row: Omit<Notification, 'id'>): Notification {
    const full: Notification = { id: this.nextId, ...row };
    this.nextId += 1;
    this.rows.push(full);
    return full;
  }

  remove(id: number): void {
    const index = this.rows.findIndex((n) => n.id === id);
    if (index !== -1) this.rows.splice(index, 1);
  }

  /** NotificationFinder's default set: unread and not snoozed (`includes` adds read/snoozed). */
  visible(accountId: number, userId: number, includes: { read: boolean; snoozed: boolean } = { read: false, snoozed: false }): Notification[] {
    return this.rows.filter((n) => n.accountId === accountId && n.userId === userId && (includes.read || n.readAt === null) && (includes.snoozed || n.snoozedUntil === null));
  }
}
