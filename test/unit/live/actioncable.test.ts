/**
 * The live client against a REAL ActionCable server: Debian's ruby-actioncable (Rails 6.1, the wire
 * protocol of Chatwoot's Rails 7.1) under puma, carrying Chatwoot's RoomChannel
 * (test/support/actioncable). Skipped when ruby/puma are missing, except under CI.
 */
import { requireActionCable, startActionCable, type ActionCableServer } from '../../support/actioncable/server';
import { defineLiveScenarios, type CableTarget } from './scenarios';

const USER_ID = 2;
const ACCOUNTS = [1, 2];

describe('live client ↔ real ActionCable (ruby-actioncable under puma)', function () {
  this.timeout(20_000);
  let server: ActionCableServer | undefined;
  let target: CableTarget;
  let token = 'pubsub-real-0001';
  let rotations = 0;

  before(async function () {
    requireActionCable(this);
    server = await startActionCable({ pingIntervalSeconds: 0.1 });
    const s = server;
    const seed = async () => {
      token = 'pubsub-real-0001';
      rotations = 0;
      await s.control('/reset');
      await s.putUser(USER_ID, token, ACCOUNTS);
    };
    await seed();
    target = {
      serverUrl: s.url,
      pingIntervalMs: 100,
      user: () => ({ pubsubToken: token, userId: USER_ID, accountIds: ACCOUNTS }),
      async rotate() {
        rotations += 1;
        token = `pubsub-real-rotated-${rotations}`;
        await s.putUser(USER_ID, token, ACCOUNTS);
        return token;
      },
      toUser: (event, data) => s.broadcast(token, { event, data }),
      toAccount: (accountId, event, data) => s.broadcast(`account_${accountId}`, { event, data }),
      async drop(how) {
        await s.control('/drop', how.disconnectFrame ? { mode: 'disconnect', reason: how.reason, reconnect: how.reconnect } : { mode: 'close' });
      },
      async pings(enabled) {
        await s.control('/pings', { paused: !enabled });
      },
      refusing404: () => Promise.resolve(`${s.url}/refuse`),
      connections: async () => ((await s.get('/connections')) as { count: number }).count,
      reset: seed,
    };
  });

  after(async () => {
    await server?.stop();
  });

  defineLiveScenarios(() => target);
});
