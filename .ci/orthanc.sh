# Starts and stops a throw-away Orthanc PACS (Debian's orthanc + orthanc-dicomweb) on 127.0.0.1 for the DICOMweb
# tests. start_test_orthanc exports EINTHOVEN_TEST_ORTHANC (the DICOMweb root, http://127.0.0.1:PORT/dicom-web) and
# EINTHOVEN_TEST_ORTHANC_USER / _PASSWORD (HTTP basic authentication, which this Orthanc requires); stop_test_orthanc
# stops it and deletes its folder.

start_test_orthanc() {
  ORTHANC_TEST_DIR=$(mktemp -d /tmp/einthoven-orthanc.XXXXXX)
  ORTHANC_TEST_PORT=28042
  while (echo > "/dev/tcp/127.0.0.1/$ORTHANC_TEST_PORT") 2>/dev/null; do ORTHANC_TEST_PORT=$((ORTHANC_TEST_PORT + 1)); done
  local dicom_port=24242
  while (echo > "/dev/tcp/127.0.0.1/$dicom_port") 2>/dev/null; do dicom_port=$((dicom_port + 1)); done
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  cat > "$ORTHANC_TEST_DIR/orthanc.json" <<JSON
{
  "Name": "EinthovenTestPacs",
  "StorageDirectory": "$ORTHANC_TEST_DIR/db",
  "IndexDirectory": "$ORTHANC_TEST_DIR/db",
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
  "HttpPort": $ORTHANC_TEST_PORT,
  "DicomPort": $dicom_port,
  "DicomAet": "EINTHOVENTEST",
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": true,
  "RegisteredUsers": { "einthoven": "$password" },
  "OrthancExplorerEnabled": false,
  "WebDavEnabled": false,
  "StableAge": 1,
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": false, "StudiesMetadata": "Full", "SeriesMetadata": "Full" }
}
JSON
  Orthanc "$ORTHANC_TEST_DIR/orthanc.json" > "$ORTHANC_TEST_DIR/orthanc.log" 2>&1 &
  ORTHANC_TEST_PID=$!
  local waited=0
  until curl -sf -u "einthoven:$password" "http://127.0.0.1:$ORTHANC_TEST_PORT/dicom-web/studies" > /dev/null 2>&1; do
    sleep 0.5
    waited=$((waited + 1))
    if ! kill -0 "$ORTHANC_TEST_PID" 2>/dev/null || [ "$waited" -ge 120 ]; then
      echo "the Orthanc test server did not start:" >&2; tail -30 "$ORTHANC_TEST_DIR/orthanc.log" >&2; return 1
    fi
  done
  export EINTHOVEN_TEST_ORTHANC="http://127.0.0.1:$ORTHANC_TEST_PORT/dicom-web"
  export EINTHOVEN_TEST_ORTHANC_USER=einthoven EINTHOVEN_TEST_ORTHANC_PASSWORD="$password"
  echo "Orthanc test PACS on 127.0.0.1:$ORTHANC_TEST_PORT (DICOMweb at /dicom-web)"
}

stop_test_orthanc() {
  if [ -n "${ORTHANC_TEST_PID:-}" ]; then
    kill "$ORTHANC_TEST_PID" 2>/dev/null || true
    wait "$ORTHANC_TEST_PID" 2>/dev/null || true
  fi
  if [ -n "${ORTHANC_TEST_DIR:-}" ] && [ -d "$ORTHANC_TEST_DIR" ]; then rm -rf "$ORTHANC_TEST_DIR"; fi
}
