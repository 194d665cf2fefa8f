# frozen_string_literal: true

# Chatwoot's RoomChannel (app/channels/room_channel.rb at 4.10.1) over an in-memory "database":
# the subscription is authenticated by pubsub_token + user_id + account membership; any mismatch
# raises inside `subscribed`, so ActionCable logs it and sends NOTHING (no confirm, no reject), and
# the failed identifier stays registered until the client unsubscribes. Streams: the user's token
# and "account_<id>". `update_presence` and subscribing answer with a `presence.update` to the
# user's own token.
module TestWorld
  NotFound = Class.new(StandardError)
  PRESENCE_SECONDS = 20

  @lock = Mutex.new
  # user id (String) => { "token" => String, "account_ids" => [Integer] }
  @users = {}
  # account id (Integer) => { user id (Integer) => Time of last presence }
  @presence = Hash.new { |h, k| h[k] = {} }
  @subscribe_log = []

  class << self
    def put_user(id, token, account_ids)
      @lock.synchronize { @users[id.to_s] = { 'token' => token.to_s, 'account_ids' => account_ids.map(&:to_i) } }
    end

    def reset
      @lock.synchronize do
        @users.clear
        @presence.clear
        @subscribe_log.clear
      end
    end

    def find_user!(token, user_id)
      @lock.synchronize do
        user = @users[user_id.to_s]
        raise NotFound, 'no such user / token' if token.to_s.empty? || user.nil? || user['token'] != token.to_s

        user.merge('id' => user_id.to_i)
      end
    end

    def log_subscribe(entry)
      @lock.synchronize { @subscribe_log << entry }
    end

    def subscribe_log
      @lock.synchronize { @subscribe_log.dup }
    end

    def touch_presence(account_id, user_id)
      @lock.synchronize { @presence[account_id][user_id] = Time.now }
    end

    def present_users(account_id)
      now = Time.now
      @lock.synchronize do
        @presence[account_id].select { |_, t| now - t < PRESENCE_SECONDS }.to_h { |id, _| [id.to_s, 'online'] }
      end
    end
  end
end

class RoomChannel < ActionCable::Channel::Base
  def subscribed
    user = current_user
    account = current_account(user)
    TestWorld.log_subscribe('user_id' => user['id'], 'account_id' => account, 'ok' => true)
    ensure_stream(account)
    broadcast_presence(user, account)
  rescue TestWorld::NotFound
    TestWorld.log_subscribe('user_id' => params[:user_id], 'account_id' => params[:account_id], 'ok' => false)
    raise # like ActiveRecord::RecordNotFound in Chatwoot: logged by ActionCable, nothing sent
  end

  def update_presence
    user = current_user
    broadcast_presence(user, current_account(user))
  end

  private

  def ensure_stream(account)
    stream_from params[:pubsub_token]
    stream_from "account_#{account}"
  end

  def broadcast_presence(user, account)
    TestWorld.touch_presence(account, user['id'])
    ActionCable.server.broadcast(params[:pubsub_token], {
      event: 'presence.update',
      data: { account_id: account, users: TestWorld.present_users(account), contacts: {} }
    })
  end

  def current_user
    raise TestWorld::NotFound, 'contact tokens are not supported here' if params[:user_id].blank?

    TestWorld.find_user!(params[:pubsub_token], params[:user_id])
  end

  def current_account(user)
    account = Integer(params[:account_id].to_s, exception: false)
    raise TestWorld::NotFound, 'not a member of this account' unless account && user['account_ids'].include?(account)

    account
  end
end
