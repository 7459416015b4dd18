"""The websocket plumbing every socket of the platform stands on, apart from what the sockets are for.

- sockets: every socket's base class (SocketConsumer: close codes, the answer to client messages, the access hook
  a subclass fills in) and SocketAuthMiddleware (scope["user"] from the session).
- events: send_event_on_commit, the one way a write tells sockets about itself, and the users' groups.
- database_threads: in_database, where the sockets' database work runs.
- channel_layer, cache: the Redis channel layer and cache backends settings name (config.settings).

It imports only Django, Channels, channels_redis, redis-py and asgiref, never the project's apps: tenancy,
notifications and the chat build on it (tenancy.sockets, notifications.consumers, sharing.chat). What it needs of
those libraries beyond their documented API is pinned in pyproject.toml and checked by
tests/realtime/test_library_internals.py.
"""
