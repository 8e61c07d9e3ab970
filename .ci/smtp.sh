# Starts and stops a throw-away SMTP server on 127.0.0.1 for the notification tests (Debian's python3-aiosmtpd).
# Debian's own python3 (/usr/bin/python3) is the one python3-aiosmtpd installs into.
# start_test_smtp exports EINTHOVEN_TEST_SMTP (host:port) and EINTHOVEN_TEST_MAILDIR (the Maildir every message
# received is written to, which the tests read back); stop_test_smtp stops the server and deletes its folder.

start_test_smtp() {
  SMTP_TEST_DIR=$(mktemp -d /tmp/einthoven-smtp.XXXXXX)
  SMTP_TEST_PORT=22025
  while (echo > "/dev/tcp/127.0.0.1/$SMTP_TEST_PORT") 2>/dev/null; do SMTP_TEST_PORT=$((SMTP_TEST_PORT + 1)); done
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_TEST_PORT" -c aiosmtpd.handlers.Mailbox "$SMTP_TEST_DIR/Maildir" \
    > "$SMTP_TEST_DIR/server.log" 2>&1 &
  SMTP_TEST_PID=$!
  local waited=0
  until (echo > "/dev/tcp/127.0.0.1/$SMTP_TEST_PORT") 2>/dev/null; do
    sleep 0.2
    waited=$((waited + 1))
    if ! kill -0 "$SMTP_TEST_PID" 2>/dev/null || [ "$waited" -ge 100 ]; then
      echo "the SMTP test server did not start:" >&2; cat "$SMTP_TEST_DIR/server.log" >&2; return 1
    fi
  done
  export EINTHOVEN_TEST_SMTP="127.0.0.1:$SMTP_TEST_PORT"
  export EINTHOVEN_TEST_MAILDIR="$SMTP_TEST_DIR/Maildir"
  echo "SMTP test server on 127.0.0.1:$SMTP_TEST_PORT"
}

stop_test_smtp() {
  if [ -n "${SMTP_TEST_PID:-}" ]; then
    kill "$SMTP_TEST_PID" 2>/dev/null || true
    wait "$SMTP_TEST_PID" 2>/dev/null || true
  fi
  if [ -n "${SMTP_TEST_DIR:-}" ] && [ -d "$SMTP_TEST_DIR" ]; then rm -rf "$SMTP_TEST_DIR"; fi
}
