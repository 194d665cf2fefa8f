/**
 * How conversations, agents and teams read in the UI (tree, pickers, notifications). Pure functions
 * on API types, no vscode, so the wording is unit-tested and identical everywhere.
 */
import type { Agent, AgentBot, Conversation, Message, Profile } from '../api';
import * as l10n from './l10n';

export function contactName(c: Conversation): string {
  return c.meta.sender.name?.trim() || c.meta.sender.email || c.meta.sender.phone_number || l10n.t('Contact {0}', c.meta.sender.id);
}

/** `#21 Customer 01`: the dashboard's display id first, so typing `#21` finds it. */
export function conversationLabel(c: Conversation): string {
  return `#${c.id} ${contactName(c)}`;
}

function isBot(c: Conversation): boolean {
  return c.meta.assignee_type === 'AgentBot';
}

/** The human assignee, if any (a bot assignee counts as unassigned in Chatwoot 4.10). */
export function humanAssignee(c: Conversation): Agent | undefined {
  const a = c.meta.assignee;
  return a && !isBot(c) && 'available_name' in a ? a : undefined;
}

export function botAssignee(c: Conversation): AgentBot | undefined {
  return c.meta.assignee && isBot(c) ? c.meta.assignee : undefined;
}

/** `Bob Brown`, `Triage Bot (bot)` or `Unassigned`. */
export function assigneeText(c: Conversation): string {
  const human = humanAssignee(c);
  if (human) return human.available_name;
  const bot = botAssignee(c);
  return bot ? l10n.t('{0} (bot)', bot.name) : l10n.t('Unassigned');
}

/** `Bob Brown · team sales`, `Unassigned`. */
export function assignmentSummary(c: Conversation): string {
  const team = c.meta.team?.name;
  return team ? l10n.t('{assignee} · team {team}', { assignee: assigneeText(c), team }) : assigneeText(c);
}

export function statusText(c: Conversation): string {
  switch (c.status) {
    case 'open':
      return l10n.t('open');
    case 'resolved':
      return l10n.t('resolved');
    case 'pending':
      return l10n.t('pending');
    case 'snoozed':
      return l10n.t('snoozed');
    default:
      return c.status;
  }
}

/** A count in VS Code's language (`1,234`, `1.234`). */
export function formatCount(n: number, locale = l10n.language()): string {
  try {
    return new Intl.NumberFormat(locale).format(n);
  } catch {
    return String(n);
  }
}

/**
 * "1 conversation", "7 conversations", "1.234 conversas". One sentence per plural category that
 * English, Portuguese and Spanish tell apart (1 and the rest), chosen by `Intl.PluralRules`.
 */
export function conversationCount(n: number, locale = l10n.language()): string {
  return pluralOne(n, locale) ? l10n.t('{0} conversation', formatCount(n, locale)) : l10n.t('{0} conversations', formatCount(n, locale));
}

/**
 * True when `n` takes the singular. English and Spanish: exactly 1; Portuguese counts 0 as "one" in
 * CLDR, but "0 conversas" is what Brazilians write, so only 1 is singular everywhere.
 */
export function pluralOne(n: number, locale = l10n.language()): boolean {
  if (n !== 1) return false;
  try {
    return new Intl.PluralRules(locale).select(n) === 'one';
  } catch {
    return true;
  }
}

/** The newest message that a person wrote (activity messages such as "Assigned to…" skipped). */
export function lastMessage(c: Conversation): Message | undefined {
  const preview = c.messages[0];
  if (preview && preview.message_type !== 2) return preview;
  return c.last_non_activity_message ?? preview;
}

export function oneLine(text: string | null | undefined, max = 120): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 hours ago" in the user's language, for Unix seconds. */
export function relativeTime(unixSeconds: number, now = Date.now(), locale = 'en'): string {
  const delta = Math.round(unixSeconds - now / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, seconds] of UNITS) {
    if (Math.abs(delta) >= seconds || unit === 'second') return format.format(Math.round(delta / seconds), unit);
  }
  return '';
}

const AVAILABILITY_ORDER: Record<string, number> = { online: 0, busy: 1, offline: 2 };

/** Online first, then busy, then offline; by name within each. */
export function byAvailability(a: Agent, b: Agent): number {
  const rank = (x: Agent) => AVAILABILITY_ORDER[x.availability_status] ?? 3;
  return rank(a) - rank(b) || a.available_name.localeCompare(b.available_name);
}

/** How the signed-in user is called in Chatwoot (display name first, as the dashboard does). */
export function profileName(profile: Profile): string {
  return profile.available_name ?? profile.name;
}
