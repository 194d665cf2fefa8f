/**
 * The conversation tab's renderer: pure functions from API data to the webview's HTML (the page and
 * the fragments of live updates). No `vscode` here, so it is unit-tested in plain Node; the panel
 * that shows it lives outside this folder.
 */
export { escapeHtml } from './escape';
export type { Html } from './escape';
export { exactTime, humanSize, timeElement } from './format';
export type { TimeContext } from './format';
export { conversationTitle, renderHeader } from './header';
export type { HeaderContext } from './header';
export { isAllowedLink, isMentionLink, safeLink } from './links';
export { renderMarkdown, renderPlainText } from './markdown';
export { attachmentName, messageDomId, messageKind, renderMessage, renderMessageItems, sortOldestFirst } from './message';
export type { MessageKind, RenderContext } from './message';
export { contentSecurityPolicy, makeNonce, renderConversationPage } from './page';
export type { PageInput } from './page';
export { pageScript } from './script';
export { announcement, headerUpdate, messageReplacement, messagesUpdate } from './updates';
