#!/usr/bin/env bash
# Refreshes the web UI's vendored libraries: installs the versions pinned in package-lock.json and copies their
# browser builds into ../wwwroot/vendor, which is committed (the server and its tests need no npm).
# Change a version: edit package.json, run `npm install --package-lock-only`, then this script.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
vendor=../wwwroot/vendor
rm -rf "$vendor"
mkdir -p "$vendor/images"
cp node_modules/@microsoft/signalr/dist/browser/signalr.min.js "$vendor/signalr.min.js"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$vendor/"
cp node_modules/leaflet/dist/images/*.png "$vendor/images/"
cp node_modules/leaflet/LICENSE "$vendor/leaflet.LICENSE.txt"
# The browser must not look for source maps that are not shipped.
sed -i '/^\/\/# sourceMappingURL=/d' "$vendor/signalr.min.js" "$vendor/leaflet.js"
echo "vendor: $(cd "$vendor" && ls | tr '\n' ' ')"
