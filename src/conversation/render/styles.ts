/**
 * The page's stylesheet (inline, under the CSP nonce). Colours and fonts come only from VS Code's
 * theme variables, so every theme, high contrast included, applies; no `style` attributes anywhere
 * (the CSP would block them).
 */
export const PAGE_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 0 16px 24px; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.45; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.conv-header { position: sticky; top: 0; z-index: 1; padding: 12px 0 8px; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.conv-header h1 { margin: 0 0 6px; font-size: 1.3em; font-weight: 600; }
.conv-header .number, .muted, .none, .role, time { color: var(--vscode-descriptionForeground); }
.facts { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0 0 8px; }
.fact { display: flex; gap: 6px; }
.fact dt { color: var(--vscode-descriptionForeground); }
.fact dd { margin: 0; }
.labels { display: inline-flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; list-style: none; }
.label, .badge { padding: 0 6px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-size: 0.9em; }
.note-badge { background: var(--vscode-inputValidation-warningBackground, var(--vscode-badge-background)); color: var(--vscode-foreground); border: 1px solid var(--vscode-inputValidation-warningBorder, transparent); }
.failed-badge { background: var(--vscode-inputValidation-errorBackground, var(--vscode-badge-background)); color: var(--vscode-foreground); }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
button { padding: 4px 10px; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); font: inherit; cursor: pointer; }
button:hover:not(:disabled) { background: var(--vscode-button-secondaryHoverBackground); }
button[data-action="assign"] { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
button[data-action="assign"]:hover:not(:disabled) { background: var(--vscode-button-hoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, a:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
.older { margin: 12px 0; text-align: center; }
.messages { margin: 0; padding: 0; list-style: none; }
.message { margin: 10px 0; }
.message article { max-width: 85%; padding: 6px 10px; border-radius: 6px; border: 1px solid var(--vscode-panel-border, transparent); background: var(--vscode-editorWidget-background); overflow-wrap: anywhere; }
.message.outgoing article, .message.note article { margin-left: auto; }
.message.outgoing article { background: var(--vscode-textBlockQuote-background, var(--vscode-editorWidget-background)); }
.message.note article { border-style: dashed; border-color: var(--vscode-inputValidation-warningBorder, var(--vscode-panel-border)); }
.message-meta { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; font-size: 0.9em; }
.sender { font-weight: 600; }
.message.activity { text-align: center; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.message.activity p { margin: 0; }
.content p { margin: 4px 0; }
.plain { white-space: pre-wrap; }
.deleted { font-style: italic; color: var(--vscode-descriptionForeground); }
.subject { margin: 4px 0; font-weight: 600; }
.content pre, .content code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); }
.content pre { padding: 6px; overflow-x: auto; }
.content blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid var(--vscode-textBlockQuote-border); }
.mention { font-weight: 600; }
.attachments { margin: 6px 0 0; padding-left: 18px; }
.notice { margin: 8px 0; }
.notice.error { color: var(--vscode-errorForeground); }
.empty { color: var(--vscode-descriptionForeground); }
`;
