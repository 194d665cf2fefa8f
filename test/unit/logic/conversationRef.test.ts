/** The `#id` / conversation-link parser of the conversation picker. */
import * as assert from 'node:assert/strict';
import { parseConversationRef } from '../../../src/util/conversationRef';

describe('parseConversationRef', () => {
  it('reads #id and bare ids', () => {
    assert.deepEqual(parseConversationRef('#21'), { displayId: 21 });
    assert.deepEqual(parseConversationRef(' 21 '), { displayId: 21 });
    assert.deepEqual(parseConversationRef('# 7'), { displayId: 7 });
  });
  it('reads dashboard links in all their forms', () => {
    assert.deepEqual(parseConversationRef('https://app.chatwoot.com/app/accounts/1/conversations/21'), { displayId: 21, accountId: 1, origin: 'https://app.chatwoot.com' });
    assert.deepEqual(parseConversationRef('https://x.test/app/accounts/12/inbox/3/conversations/9?messageId=4'), { displayId: 9, accountId: 12, origin: 'https://x.test' });
    assert.deepEqual(parseConversationRef('http://127.0.0.1:3000/app/accounts/2/label/vip/conversations/5#x'), { displayId: 5, accountId: 2, origin: 'http://127.0.0.1:3000' });
    assert.deepEqual(parseConversationRef('https://x.test/app/accounts/1/team/1/conversations/8/'), { displayId: 8, accountId: 1, origin: 'https://x.test' });
  });
  it('rejects everything else', () => {
    for (const bad of [
      '',
      '#',
      '#0',
      '0',
      '-3',
      '#21a',
      'abc',
      '1e3',
      '99999999999',
      '#2147483648',
      'ftp://x/app/accounts/1/conversations/2',
      'https://x/app/accounts/1/conversations/abc',
      'https://x/conversations/2',
      'https://[bad',
      'javascript:alert(1)',
    ]) {
      assert.equal(parseConversationRef(bad), undefined, bad);
    }
  });
});
