# Starts and stops a throw-away RabbitMQ node on 127.0.0.1 for the scale-out tests.
# start_test_rabbitmq exports EINTHOVEN_TEST_RABBITMQ (an amqp:// URI); stop_test_rabbitmq stops the node and deletes
# its folder. The node runs as the rabbitmq user with its own home (Erlang cookie), data and log folders and ports.

start_test_rabbitmq() {
  RMQ_TEST_DIR=$(mktemp -d /tmp/einthoven-rmq.XXXXXX)
  chown rabbitmq "$RMQ_TEST_DIR"
  RMQ_TEST_PORT=35672
  while (echo > "/dev/tcp/127.0.0.1/$RMQ_TEST_PORT") 2>/dev/null || (echo > "/dev/tcp/127.0.0.1/$((RMQ_TEST_PORT + 10000))") 2>/dev/null; do
    RMQ_TEST_PORT=$((RMQ_TEST_PORT + 1))
  done
  RMQ_TEST_NODE="einthoven-test-$RMQ_TEST_PORT@localhost"
  echo 'loopback_users = none' > "$RMQ_TEST_DIR/rabbitmq.conf"
  echo '[].' > "$RMQ_TEST_DIR/enabled_plugins"
  chown rabbitmq "$RMQ_TEST_DIR"/*
  rmq_env() {
    env HOME="$RMQ_TEST_DIR" RABBITMQ_NODENAME="$RMQ_TEST_NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RMQ_TEST_PORT" \
      RABBITMQ_DIST_PORT=$((RMQ_TEST_PORT + 10000)) RABBITMQ_CONFIG_FILE="$RMQ_TEST_DIR/rabbitmq" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_TEST_DIR/enabled_plugins" RABBITMQ_MNESIA_BASE="$RMQ_TEST_DIR/mnesia" \
      RABBITMQ_LOG_BASE="$RMQ_TEST_DIR/log" RABBITMQ_PID_FILE="$RMQ_TEST_DIR/pid" ERL_EPMD_ADDRESS=127.0.0.1 "$@"
  }
  runuser -u rabbitmq -- bash -c "$(declare -f rmq_env); RMQ_TEST_DIR='$RMQ_TEST_DIR' RMQ_TEST_NODE='$RMQ_TEST_NODE' RMQ_TEST_PORT='$RMQ_TEST_PORT' rmq_env /usr/lib/rabbitmq/bin/rabbitmq-server > '$RMQ_TEST_DIR/server.out' 2>&1 &"
  local waited=0
  until rmq_ctl await_startup --timeout 5 >/dev/null 2>&1; do
    waited=$((waited + 5))
    if grep -q "init terminating" "$RMQ_TEST_DIR/server.out" 2>/dev/null || [ "$waited" -ge 120 ]; then
      echo "RabbitMQ did not start:" >&2; tail -20 "$RMQ_TEST_DIR/server.out" >&2; return 1
    fi
  done
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  rmq_ctl add_user einthoven "$password" >/dev/null
  rmq_ctl set_permissions -p / einthoven '.*' '.*' '.*' >/dev/null
  export EINTHOVEN_TEST_RABBITMQ="amqp://einthoven:$password@127.0.0.1:$RMQ_TEST_PORT/"
  echo "RabbitMQ test node on 127.0.0.1:$RMQ_TEST_PORT"
}

rmq_ctl() {
  runuser -u rabbitmq -- env HOME="$RMQ_TEST_DIR" ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_NODENAME="$RMQ_TEST_NODE" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RMQ_TEST_NODE" "$@"
}

stop_test_rabbitmq() {
  if [ -n "${RMQ_TEST_DIR:-}" ] && [ -d "$RMQ_TEST_DIR" ]; then
    rmq_ctl stop "$RMQ_TEST_DIR/pid" >/dev/null 2>&1 || pkill -f "$RMQ_TEST_NODE" || true
    rm -rf "$RMQ_TEST_DIR"
  fi
}
