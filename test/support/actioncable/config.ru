# frozen_string_literal: true

# A real ActionCable server (Debian's ruby-actioncable, Rails 6.1: same wire protocol as Chatwoot's
# Rails 7.1) carrying Chatwoot's RoomChannel, for the live-updates client tests. Started by
# test/support/actioncable/server.ts under puma on 127.0.0.1 with a free port.
#
#   GET  /cable             websocket (actioncable-v1-json); plain GET → 404 "Page not found"
#   GET  /health            200 "ok"
#   POST /users             {"id":2,"token":"tok","account_ids":[1,2]}   create/replace (rotate)
#   POST /reset             forget users, presence and the subscribe log
#   POST /broadcast         {"stream":"tok"|"account_1","message":{…}}   ActionCable.server.broadcast
#   POST /drop              {"mode":"disconnect","reason":"server_restart","reconnect":true}
#                           or {"mode":"close"}: close every socket (disconnect frame + close, or TCP close)
#   POST /pings             {"paused":true|false}: stop / resume the pings (every 3 s, or CABLE_BEAT_INTERVAL s)
#   GET  /subscriptions     the subscribe log [{user_id, account_id, ok}]
#   GET  /connections       {"count":N}
#   *    /refuse/cable      404 for everything (a reverse proxy without websocket support)
require 'json'
require 'logger'
require 'action_cable'
require_relative 'room_channel'

module ApplicationCable
  # Chatwoot's connection: no authentication at all (app/channels/application_cable/connection.rb).
  class Connection < ActionCable::Connection::Base
    @all = []
    @lock = Mutex.new
    class << self
      def register(connection) = @lock.synchronize { @all << connection }
      def unregister(connection) = @lock.synchronize { @all.delete(connection) }
      def all = @lock.synchronize { @all.dup }
    end

    def connect
      self.class.register(self)
    end

    def disconnect
      self.class.unregister(self)
    end
  end
end

module PausablePings
  class << self
    attr_accessor :paused
  end

  def beat
    super unless PausablePings.paused
  end
end
ActionCable::Connection::Base.prepend(PausablePings)

# Tests need not wait for Rails' 3 s pings: CABLE_BEAT_INTERVAL (seconds) shortens them.
if ENV['CABLE_BEAT_INTERVAL']
  ActionCable::Server::Connections.send(:remove_const, :BEAT_INTERVAL)
  ActionCable::Server::Connections.const_set(:BEAT_INTERVAL, Float(ENV['CABLE_BEAT_INTERVAL']))
end

server = ActionCable.server
server.config.cable = { 'adapter' => 'async' }
server.config.connection_class = -> { ApplicationCable::Connection }
server.config.disable_request_forgery_protection = true # as Chatwoot (config/initializers/cors.rb)
server.config.worker_pool_size = 4
server.config.logger = Logger.new($stderr, level: ENV['CABLE_LOG'] ? Logger::DEBUG : Logger::FATAL)

json = ->(status, body) { [status, { 'content-type' => 'application/json' }, [JSON.generate(body)]] }
read = lambda do |env|
  body = env['rack.input'].read
  body.empty? ? {} : JSON.parse(body)
end

app = lambda do |env|
  path = env['PATH_INFO']
  case [env['REQUEST_METHOD'], path]
  in [_, '/cable'] then server.call(env)
  in ['GET', '/health'] then [200, { 'content-type' => 'text/plain' }, ['ok']]
  in ['POST', '/users']
    b = read.(env)
    TestWorld.put_user(b.fetch('id'), b.fetch('token'), b.fetch('account_ids'))
    json.(200, { ok: true })
  in ['POST', '/reset']
    TestWorld.reset
    PausablePings.paused = false
    json.(200, { ok: true })
  in ['POST', '/broadcast']
    b = read.(env)
    server.broadcast(b.fetch('stream'), b.fetch('message'))
    json.(200, { ok: true })
  in ['POST', '/drop']
    b = read.(env)
    conns = ApplicationCable::Connection.all
    conns.each do |c|
      if b['mode'] == 'close'
        # Abrupt: close the TCP socket under ActionCable (no disconnect frame, no close frame).
        stream = c.send(:websocket).send(:websocket).instance_variable_get(:@stream)
        stream.instance_variable_get(:@rack_hijack_io)&.close
      else
        c.close(reason: b.fetch('reason', 'server_restart'), reconnect: b.fetch('reconnect', true))
      end
    end
    json.(200, { dropped: conns.size })
  in ['POST', '/pings']
    PausablePings.paused = read.(env).fetch('paused')
    json.(200, { ok: true })
  in ['GET', '/subscriptions'] then json.(200, TestWorld.subscribe_log)
  in ['GET', '/connections'] then json.(200, { count: ApplicationCable::Connection.all.size })
  else [404, { 'content-type' => 'text/plain; charset=utf-8' }, ['Page not found']]
  end
end

run app
