# Starts and stops a throw-away RabbitMQ node on 127.0.0.1 for the scale-out tests.
# start_test_rabbitmq exports EINTHOVEN_TEST_RABBITMQ (an amqp:// URI) and EINTHOVEN_TEST_RABBITMQ_RESTART (a script
# that restarts the node, for the broker-restart test); stop_test_rabbitmq stops the node and deletes its folder.
# The node runs as the rabbitmq user with its own home (Erlang cookie), data, log folders and ports.

# The AMQP port starts at 21672 and the node's distribution port is 10,000 above it: both below Linux's ephemeral
# range (32768-60999), where any outgoing connection may hold the port when the node (re)starts, and apart from
# rabbitmqctl's own distribution ports (35672 up). A port lost anyway makes the next attempt move one port on; a
# restart (same port) tries again while the old connections' TIME_WAIT holds it.
start_test_rabbitmq() {
  local attempt
  RMQ_TEST_PORT=21672
  for attempt in 1 2 3 4 5; do
    start_test_rabbitmq_on_free_port && return 0
    rm -rf "$RMQ_TEST_DIR"
    RMQ_TEST_PORT=$((RMQ_TEST_PORT + 1))
  done
  return 1
}

start_test_rabbitmq_on_free_port() {
  RMQ_TEST_DIR=$(mktemp -d /tmp/einthoven-rmq.XXXXXX)
  chmod 755 "$RMQ_TEST_DIR"
  chown rabbitmq "$RMQ_TEST_DIR"
  while (echo > "/dev/tcp/127.0.0.1/$RMQ_TEST_PORT") 2>/dev/null || (echo > "/dev/tcp/127.0.0.1/$((RMQ_TEST_PORT + 10000))") 2>/dev/null; do
    RMQ_TEST_PORT=$((RMQ_TEST_PORT + 1))
  done
  RMQ_TEST_NODE="einthoven-test-$RMQ_TEST_PORT@localhost"
  echo 'loopback_users = none' > "$RMQ_TEST_DIR/rabbitmq.conf"
  echo '[].' > "$RMQ_TEST_DIR/enabled_plugins"
  local env="HOME=$RMQ_TEST_DIR RABBITMQ_NODENAME=$RMQ_TEST_NODE ERL_EPMD_ADDRESS=127.0.0.1"
  # ctl: rabbitmqctl for this node. start: start the node and wait until it serves. restart: stop, then start.
  cat > "$RMQ_TEST_DIR/ctl" <<CTL
#!/bin/sh
exec runuser -u rabbitmq -- env $env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RMQ_TEST_NODE" "\$@"
CTL
  cat > "$RMQ_TEST_DIR/start" <<START
#!/bin/sh
runuser -u rabbitmq -- env $env RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RMQ_TEST_PORT \\
  RABBITMQ_DIST_PORT=$((RMQ_TEST_PORT + 10000)) RABBITMQ_CONFIG_FILE=$RMQ_TEST_DIR/rabbitmq \\
  RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_TEST_DIR/enabled_plugins RABBITMQ_MNESIA_BASE=$RMQ_TEST_DIR/mnesia \\
  RABBITMQ_LOG_BASE=$RMQ_TEST_DIR/log RABBITMQ_PID_FILE=$RMQ_TEST_DIR/pid \\
  /usr/lib/rabbitmq/bin/rabbitmq-server > $RMQ_TEST_DIR/server.out 2>&1 &
waited=0
until "$RMQ_TEST_DIR/ctl" await_startup --timeout 5 >/dev/null 2>&1; do
  waited=\$((waited + 5))
  if grep -q "init terminating" $RMQ_TEST_DIR/server.out 2>/dev/null || [ "\$waited" -ge 120 ]; then
    echo "RabbitMQ did not start:" >&2; tail -20 $RMQ_TEST_DIR/server.out >&2; exit 1
  fi
done
START
  cat > "$RMQ_TEST_DIR/restart" <<RESTART
#!/bin/sh
"$RMQ_TEST_DIR/ctl" stop "$RMQ_TEST_DIR/pid" >/dev/null 2>&1
for attempt in 1 2 3 4 5 6; do
  "$RMQ_TEST_DIR/start" 2>$RMQ_TEST_DIR/start.err && exit 0
  grep -q eaddrinuse $RMQ_TEST_DIR/start.err || break
  sleep 15
done
cat $RMQ_TEST_DIR/start.err >&2
exit 1
RESTART
  chmod 755 "$RMQ_TEST_DIR/ctl" "$RMQ_TEST_DIR/start" "$RMQ_TEST_DIR/restart"
  chown rabbitmq "$RMQ_TEST_DIR"/*
  "$RMQ_TEST_DIR/start" || return 1
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  "$RMQ_TEST_DIR/ctl" add_user einthoven "$password" >/dev/null
  "$RMQ_TEST_DIR/ctl" set_permissions -p / einthoven '.*' '.*' '.*' >/dev/null
  export EINTHOVEN_TEST_RABBITMQ="amqp://einthoven:$password@127.0.0.1:$RMQ_TEST_PORT/"
  export EINTHOVEN_TEST_RABBITMQ_RESTART="$RMQ_TEST_DIR/restart"
  echo "RabbitMQ test node on 127.0.0.1:$RMQ_TEST_PORT"
}

stop_test_rabbitmq() {
  if [ -n "${RMQ_TEST_DIR:-}" ] && [ -d "$RMQ_TEST_DIR" ]; then
    "$RMQ_TEST_DIR/ctl" stop "$RMQ_TEST_DIR/pid" >/dev/null 2>&1 || pkill -f "$RMQ_TEST_NODE" || true
    rm -rf "$RMQ_TEST_DIR"
  fi
}
