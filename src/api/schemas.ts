/**
 * zod schemas for every Chatwoot response this extension reads (Chatwoot 4.10.1 as it really
 * behaves, not as its Swagger file says). Types are inferred from the schemas; there are no
 * parallel interfaces. `z.object` drops unknown keys, so newer servers that add fields still
 * parse, and secrets we never asked for (the profile's `access_token`, `pubsub_token`) are
 * dropped at the boundary instead of travelling through the extension.
 */
import * as z from 'zod';

const id = z.number().int();
/** Unix seconds as an integer (Chatwoot writes `.to_i`; a null time becomes 0). */
const unixSeconds = z.number();
/** Enums Chatwoot may extend: known values are typed, unknown ones still parse and stay visible. */
const openEnum = <const T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.string()]);

export const ConversationStatus = openEnum(['open', 'resolved', 'pending', 'snoozed']);
export const Availability = openEnum(['online', 'busy', 'offline']);
export const Role = openEnum(['administrator', 'agent']);

/** `_agent.json.jbuilder`: assignment responses, agents, team/inbox members, meta.assignee. */
export const Agent = z.object({
  id,
  account_id: id.optional(),
  availability_status: Availability,
  auto_offline: z.boolean().optional(),
  confirmed: z.boolean().optional(),
  email: z.string().nullable().optional(),
  available_name: z.string(),
  name: z.string(),
  role: Role.optional(),
  thumbnail: z.string().nullable().optional(),
});
export type Agent = z.infer<typeof Agent>;

/** `_agent_bot_slim.json.jbuilder`: a bot assignee (`outgoing_url` absent for system bots). */
export const AgentBot = z.object({
  id,
  name: z.string(),
  description: z.string().nullable().optional(),
  thumbnail: z.string().nullable().optional(),
  outgoing_url: z.string().nullable().optional(),
  bot_type: z.string().optional(),
});
export type AgentBot = z.infer<typeof AgentBot>;

/** `_team.json.jbuilder` (lists and `meta.team`). */
export const Team = z.object({
  id,
  name: z.string(),
  description: z.string().nullable().optional(),
  allow_auto_assign: z.boolean().optional(),
  account_id: id.optional(),
  is_member: z.boolean().optional(),
});
export type Team = z.infer<typeof Team>;

/** `render json: @team`: the raw model a team assignment answers with (ISO times, no is_member). */
export const RawTeam = z.object({
  id,
  name: z.string(),
  description: z.string().nullable().optional(),
  allow_auto_assign: z.boolean().optional(),
  account_id: id.optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type RawTeam = z.infer<typeof RawTeam>;

/** `_contact.json.jbuilder` as `meta.sender`. */
export const Contact = z.object({
  id,
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone_number: z.string().nullable().optional(),
  identifier: z.string().nullable().optional(),
  thumbnail: z.string().nullable().optional(),
  blocked: z.boolean().optional(),
});
export type Contact = z.infer<typeof Contact>;

/** A message's push data (conversation previews). `message_type`: 0 in, 1 out, 2 activity, 3 template. */
export const Message = z.object({
  id,
  content: z.string().nullable().optional(),
  message_type: z.number().int(),
  created_at: unixSeconds,
  private: z.boolean().optional(),
  sender_type: z.string().nullable().optional(),
  sender: z.object({ name: z.string().nullable().optional() }).optional(),
});
export type Message = z.infer<typeof Message>;

/**
 * `meta` of a conversation. `assignee`, `assignee_type` and `team` are ABSENT (not null) when
 * unset; a bot assignee comes as the bot slim with `assignee_type: "AgentBot"`.
 */
export const ConversationMeta = z.object({
  sender: Contact,
  channel: z.string().optional(),
  assignee: z.union([Agent, AgentBot]).optional(),
  assignee_type: z.string().optional(),
  team: Team.optional(),
  hmac_verified: z.boolean().nullable().optional(),
});

/** `_conversation.json.jbuilder`: list items and show. `id` is the per-account display id. */
export const Conversation = z.object({
  meta: ConversationMeta,
  id,
  account_id: id,
  inbox_id: id,
  uuid: z.string().optional(),
  status: ConversationStatus,
  messages: z.array(Message),
  labels: z.array(z.string()).optional(),
  priority: z.string().nullable().optional(),
  snoozed_until: z.string().nullable().optional(),
  muted: z.boolean().optional(),
  unread_count: z.number().int().optional(),
  created_at: unixSeconds,
  updated_at: z.number().optional(),
  timestamp: unixSeconds.optional(),
  last_activity_at: unixSeconds,
  last_non_activity_message: Message.nullable().optional(),
});
export type Conversation = z.infer<typeof Conversation>;

export const ConversationCounts = z.object({
  mine_count: z.number().int(),
  assigned_count: z.number().int(),
  unassigned_count: z.number().int(),
  all_count: z.number().int(),
});
export type ConversationCounts = z.infer<typeof ConversationCounts>;

/** `GET …/conversations`: `{data: {meta, payload}}`. */
export const ConversationListResponse = z.object({
  data: z.object({ meta: ConversationCounts, payload: z.array(Conversation) }),
});

/** `GET …/conversations/meta`: `{meta}` with no `data` wrapper. */
export const ConversationMetaResponse = z.object({ meta: ConversationCounts });

/** One membership in the profile's `accounts`. */
export const ProfileAccount = z.object({
  id,
  name: z.string(),
  status: openEnum(['active', 'suspended']).optional(),
  role: Role,
  active_at: z.string().nullable().optional(),
  availability: Availability.optional(),
  availability_status: Availability.optional(),
});
export type ProfileAccount = z.infer<typeof ProfileAccount>;

/** `GET /api/v1/profile` (its `access_token` and `pubsub_token` are deliberately not kept). */
export const Profile = z.object({
  id,
  name: z.string(),
  available_name: z.string().optional(),
  display_name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  account_id: id.nullable().optional(),
  role: Role.nullable().optional(),
  accounts: z.array(ProfileAccount),
});
export type Profile = z.infer<typeof Profile>;

export const Inbox = z.object({
  id,
  name: z.string(),
  channel_type: z.string(),
  enable_auto_assignment: z.boolean().optional(),
});
export type Inbox = z.infer<typeof Inbox>;

export const Label = z.object({
  id,
  title: z.string(),
  description: z.string().nullable().optional(),
  color: z.string().nullable().optional(),
  show_on_sidebar: z.boolean().nullable().optional(),
});
export type Label = z.infer<typeof Label>;

export const AgentList = z.array(Agent);
export const TeamList = z.array(Team);
export const AgentPayload = z.object({ payload: z.array(Agent) });
export const InboxPayload = z.object({ payload: z.array(Inbox) });
export const LabelPayload = z.object({ payload: z.array(Label) });

/** Agent-branch answer of the assignments endpoint: the agent, a bot, or `null` (unassigned). */
export const AgentAssignmentResponse = Agent.nullable();
/** Team-branch answer: the raw team, or `null` (team removed). */
export const TeamAssignmentResponse = RawTeam.nullable();
