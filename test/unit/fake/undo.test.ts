// API-FACTS-LIVE §8: what an exact "undo assignment" needs from the fake — team first, then
// assignee; the team step's auto-pick; activity messages for every step; participants that
// stay after unassignment and can be set back with PATCH …/participants.
import * as assert from 'node:assert/strict';
import { TOKENS, agentJson, expectBody, expectJson, useFake } from './fixture';
import { at, objects } from './http';

const A1 = '/api/v1/accounts/1';

describe('fake chatwoot: undo assignment (LIVE §8)', function () {
  const ctx = useFake();
  beforeEach(async function () {
    await ctx.api.reset();
  });

  it('team-then-assignee restores (A0, T0) exactly, with an activity message per effective step', async function () {
    const api = ctx.api;
    // #1: Bob, no team. The action: team sales (Bob is a member, stays), then Dave.
    await api.assign(1, 1, { team_id: 1 });
    await api.assign(1, 1, { assignee_id: 4 });
    let meta = (await api.conversation(1, 1)).meta as Record<string, unknown>;
    assert.equal(at(meta, 'assignee.id'), 4);
    assert.equal(at(meta, 'team.id'), 1);
    // Undo: team null first (never touches the assignee), then Bob.
    await api.assign(1, 1, { team_id: null });
    assert.equal(at((await api.conversation(1, 1)).meta, 'assignee.id'), 4, 'removing the team keeps the assignee');
    await api.assign(1, 1, { assignee_id: 2 });
    meta = (await api.conversation(1, 1)).meta as Record<string, unknown>;
    assert.equal(at(meta, 'assignee.id'), 2);
    assert.equal('team' in meta, false);
    const contents = objects(at((await api.get(`${A1}/conversations/1/messages`)).json, 'payload'))
      .slice(-4)
      .map((m) => m.content);
    assert.deepStrictEqual(contents, [
      'Assigned to sales by Alice Anderson',
      'Assigned to Dave Diaz by Alice Anderson',
      'Unassigned from sales by Alice Anderson',
      'Assigned to Bob Brown by Alice Anderson',
    ]);
  });

  it('assignee-then-team would be undone by the team rule: a non-member assignee is cleared', async function () {
    // #3: unassigned, no team. Carol (not in sales) then team sales → Carol cleared.
    await ctx.api.assign(1, 3, { assignee_id: 3 });
    await ctx.api.assign(1, 3, { team_id: 1 });
    const meta = (await ctx.api.conversation(1, 3)).meta as Record<string, unknown>;
    // Inbox 3 has no sales member to auto-pick, so the conversation ends unassigned.
    assert.equal('assignee' in meta, false, JSON.stringify(meta.assignee));
    assert.equal(at(meta, 'team.id'), 1);
  });

  it('every assignee becomes a participant and stays one; PATCH participants sets the exact list', async function () {
    await ctx.api.assign(1, 3, { assignee_id: 3 });
    await ctx.api.assign(1, 3, { assignee_id: null });
    const path = `${A1}/conversations/3/participants`;
    expectBody(await ctx.api.get(path), 200, [agentJson(3, 1)]);
    // Bob has no access to inbox 3: skipped silently; Alice (admin) is added; Carol removed.
    const res = await ctx.api.request('PATCH', path, { token: TOKENS.alice, body: { user_ids: [2, 1] } });
    expectJson(res, 200);
    assert.deepStrictEqual(res.json, [agentJson(1, 1)]);
    expectBody(await ctx.api.request('PATCH', path, { token: TOKENS.alice, body: { user_ids: [] } }), 200, []);
  });

  it('a note mentioning a user adds them as participant', async function () {
    await ctx.api.post(`${A1}/conversations/1/messages`, { content: 'ping [@Dave](mention://user/4/Dave)', private: true });
    expectBody(await ctx.api.get(`${A1}/conversations/1/participants`), 200, [agentJson(4, 1)]);
  });
});
