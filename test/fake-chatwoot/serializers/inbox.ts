// `_inbox.json.jbuilder` (§8.8): common keys, keys present on every inbox (null when not
// applicable), channel-specific keys, and secrets only for administrators.

import type { Inbox } from '../model/types';

export function inboxJson(inbox: Inbox, viewerIsAdmin: boolean): Record<string, unknown> {
  const { channel } = inbox;
  const widget = inbox.channelType === 'Channel::WebWidget';
  const email = inbox.channelType === 'Channel::Email';
  const api = inbox.channelType === 'Channel::Api';
  const out: Record<string, unknown> = {
    id: inbox.id,
    avatar_url: '',
    channel_id: inbox.channelId,
    name: inbox.name,
    channel_type: inbox.channelType,
    greeting_enabled: false,
    greeting_message: null,
    working_hours_enabled: false,
    enable_email_collect: true,
    csat_survey_enabled: false,
    csat_config: {},
    enable_auto_assignment: inbox.enableAutoAssignment,
    auto_assignment_config: { ...inbox.autoAssignmentConfig },
    out_of_office_message: null,
    working_hours: [],
    timezone: 'UTC',
    callback_webhook_url: null,
    allow_messages_after_resolved: true,
    lock_to_single_conversation: false,
    sender_name_type: 'friendly',
    business_name: null,
    allowed_domains: widget ? '' : null,
    widget_color: widget ? (channel.widgetColor ?? null) : null,
    website_url: widget ? (channel.websiteUrl ?? null) : null,
    hmac_mandatory: widget ? false : null,
    welcome_title: widget ? '' : null,
    welcome_tagline: widget ? '' : null,
    web_widget_script: widget ? widgetScript(channel.websiteToken ?? '') : null,
    website_token: widget ? (channel.websiteToken ?? null) : null,
    selected_feature_flags: widget ? ['attachments', 'emoji_picker', 'end_conversation'] : null,
    reply_time: widget ? 'in_a_few_minutes' : null,
  };
  if (widget) {
    if (viewerIsAdmin) out.hmac_token = channel.hmacToken ?? null;
    out.pre_chat_form_enabled = false;
    out.pre_chat_form_options = { pre_chat_message: 'Share your queries or comments here.', pre_chat_fields: [] };
    out.continuity_via_email = true;
  }
  out.messaging_service_sid = null;
  out.phone_number = null;
  if (email) {
    out.email = channel.email ?? null;
    out.forwarding_enabled = true;
    if (viewerIsAdmin) Object.assign(out, emailSecrets());
  }
  if (api) {
    if (viewerIsAdmin) out.hmac_token = channel.hmacToken ?? null;
    out.webhook_url = null;
    out.inbox_identifier = channel.inboxIdentifier ?? null;
    out.additional_attributes = {};
  }
  out.provider = null;
  return out;
}

function widgetScript(token: string): string {
  return `<script>window.chatwootSettings={};(function(d,t){var BASE_URL="";var g=d.createElement(t);g.src=BASE_URL+"/packs/js/sdk.js";g.onload=function(){window.chatwootSDK.run({websiteToken:'${token}',baseUrl:BASE_URL})}})(document,"script");</script>`;
}

function emailSecrets(): Record<string, unknown> {
  return {
    imap_login: '',
    imap_password: '',
    imap_address: '',
    imap_port: 0,
    imap_enabled: false,
    imap_enable_ssl: true,
    smtp_login: '',
    smtp_password: '',
    smtp_address: '',
    smtp_port: 0,
    smtp_enabled: false,
    smtp_domain: '',
    smtp_enable_ssl_tls: false,
    smtp_enable_starttls_auto: true,
    smtp_openssl_verify_mode: 'none',
    smtp_authentication: 'login',
  };
}
