// Contact shapes: conversation `meta.sender` (§8.10), message sender push data (§8.9)
// and the multi-search contact (§6.6).

import type { Contact } from '../model/types';

/** `_contact.json.jbuilder`; last_activity_at only when set. */
export function contactJson(contact: Contact): Record<string, unknown> {
  return {
    additional_attributes: {},
    availability_status: 'offline',
    email: contact.email,
    id: contact.id,
    name: contact.name,
    phone_number: contact.phoneNumber,
    blocked: contact.blocked,
    identifier: contact.identifier,
    thumbnail: '',
    custom_attributes: {},
    last_activity_at: contact.lastActivityAt === null ? undefined : Math.trunc(contact.lastActivityAt),
    created_at: Math.trunc(contact.createdAt),
  };
}

/** `Contact#push_event_data`. */
export function contactPushData(contact: Contact): Record<string, unknown> {
  return {
    additional_attributes: {},
    custom_attributes: {},
    email: contact.email,
    id: contact.id,
    identifier: contact.identifier,
    name: contact.name,
    phone_number: contact.phoneNumber,
    thumbnail: '',
    blocked: contact.blocked,
    type: 'contact',
  };
}

export function searchContactJson(contact: Contact): Record<string, unknown> {
  return {
    email: contact.email,
    id: contact.id,
    name: contact.name,
    phone_number: contact.phoneNumber,
    identifier: contact.identifier,
    additional_attributes: {},
    last_activity_at: contact.lastActivityAt === null ? null : Math.trunc(contact.lastActivityAt),
  };
}
