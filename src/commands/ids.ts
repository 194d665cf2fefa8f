/** Every command id of the extension, in one list; the command table (table.ts) has a handler for each. */
export const Commands = {
  signIn: 'chatwoot.signIn',
  signOut: 'chatwoot.signOut',
  assignConversation: 'chatwoot.assignConversation',
  assignConversations: 'chatwoot.assignConversations',
  assignToMe: 'chatwoot.assignToMe',
  unassign: 'chatwoot.unassign',
  refresh: 'chatwoot.refresh',
  openInBrowser: 'chatwoot.openInBrowser',
  openConversation: 'chatwoot.openConversation',
  handOff: 'chatwoot.handOff',
  addNote: 'chatwoot.addNote',
  undoAssignment: 'chatwoot.undoAssignment',
  loadMore: 'chatwoot.loadMore',
  showLog: 'chatwoot.showLog',
  setAvailability: 'chatwoot.setAvailability',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
