/**
 * Markdown for UNTRUSTED message text, the way Chatwoot's dashboard renders agent messages
 * (markdown-it, `html: false`, `breaks`, `linkify`), made safe for the webview:
 * - raw HTML is never passed through: it shows as text;
 * - links only for http(s) and mailto (links.ts); any other target stays plain text;
 * - links carry `data-href`, which the page script turns into a message to the extension (the
 *   webview itself never navigates);
 * - images are NOT loaded (a remote image is a tracking pixel): they become a link with their alt text;
 * - `mention://user/…` links in notes become a plain "@Name" mention;
 * - headings are demoted (h4–h6) so a message cannot outrank the page's own headings.
 */
import MarkdownIt from 'markdown-it';
import { escapeHtml, type Html } from './escape';
import { isMentionLink, safeLink } from './links';

type Renderer = MarkdownIt['renderer'];
type Rule = NonNullable<Renderer['rules']['link_open']>;

interface Env {
  /** Per link_open, what its link_close must close. */
  closers?: string[];
}

function create(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  md.validateLink = (url: string) => safeLink(url) !== undefined || isMentionLink(url);

  const linkOpen: Rule = (tokens, idx, _options, env: Env) => {
    const href = tokens[idx].attrGet('href') ?? '';
    const closers = (env.closers ??= []);
    const safe = safeLink(href);
    if (safe === undefined) {
      // A mention (or anything else that got through validation): text only.
      closers.push('</span>');
      return isMentionLink(href) ? '<span class="mention">' : '<span>';
    }
    closers.push('</a>');
    return linkTag(safe);
  };
  const linkClose: Rule = (_tokens, _idx, _options, env: Env) => env.closers?.pop() ?? '';
  md.renderer.rules.link_open = linkOpen;
  md.renderer.rules.link_close = linkClose;

  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const alt = self.renderInlineAsText(token.children ?? [], options, env) || 'image';
    const safe = safeLink(token.attrGet('src'));
    return safe === undefined ? escapeHtml(alt) : `${linkTag(safe, 'image-link')}${escapeHtml(`Image: ${alt}`)}</a>`;
  };

  md.renderer.rules.heading_open = (tokens, idx) => `<h${demote(tokens[idx].tag)} class="md-heading">`;
  md.renderer.rules.heading_close = (tokens, idx) => `</h${demote(tokens[idx].tag)}>`;
  return md;
}

function demote(tag: string): number {
  const level = Number(tag.slice(1)) || 1;
  return Math.min(6, level + 3);
}

/** The one shape of an outgoing link: `href` for keyboard and hover, `data-href` for the script. */
export function linkTag(safeHref: string, className = 'link'): Html {
  const href = escapeHtml(safeHref);
  return `<a href="${href}" data-href="${href}" class="${className}" title="${href}" rel="noreferrer noopener">`;
}

let instance: MarkdownIt | undefined;

/** Message text (Markdown) → safe HTML. */
export function renderMarkdown(text: string): Html {
  instance ??= create();
  return instance.render(text, {} satisfies Env);
}

/** Plain text (emails, channel messages shown verbatim) → escaped HTML keeping line breaks via CSS. */
export function renderPlainText(text: string): Html {
  return `<p class="plain">${escapeHtml(text)}</p>`;
}
