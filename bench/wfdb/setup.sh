#!/usr/bin/env bash
# Builds what `bench cli-vs-wfdb` compares, into bench/wfdb/.build (never committed):
#   einthoven/einthoven   the CLI as the README's install publishes it (Native AOT front + full CLI in full/)
#   wfdb/bin/gqrs, rdsamp WFDB's C tools, built from source: $WFDB_SOURCE (a wfdb-10.x source directory or tarball),
#                         else the 10.7.0 tarball from GitHub when the network allows.
# Needs: the .NET SDK, clang + zlib1g-dev (Native AOT), a C compiler and make (WFDB).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="$here/.build"
mkdir -p "$build"

echo "== einthoven (dotnet publish, as the README's install)"
dotnet publish "$repo/src/Einthoven.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$build/einthoven/full" --nologo -v quiet
dotnet publish "$repo/src/Einthoven.Cli.Native" -c Release -o "$build/einthoven" --nologo -v quiet

echo "== WFDB's gqrs and rdsamp (from source)"
if [ -x "$build/wfdb/bin/gqrs" ] && [ -x "$build/wfdb/bin/rdsamp" ]; then echo "already built"; exit 0; fi
src="$build/wfdb-src"
rm -rf "$src" && mkdir -p "$src"
if [ -n "${WFDB_SOURCE:-}" ] && [ -d "$WFDB_SOURCE" ]; then
  cp -r "$WFDB_SOURCE"/. "$src"
elif [ -n "${WFDB_SOURCE:-}" ] && [ -f "$WFDB_SOURCE" ]; then
  tar -xf "$WFDB_SOURCE" -C "$src" --strip-components=1
elif curl -fsSL --max-time 60 https://github.com/bemoody/wfdb/archive/10.7.0.tar.gz -o "$build/wfdb.tar.gz"; then
  tar -xf "$build/wfdb.tar.gz" -C "$src" --strip-components=1
else
  echo "error: no WFDB sources: set WFDB_SOURCE to a wfdb-10.x source directory or tarball (the download failed: offline?)" >&2
  exit 2
fi
# Local records only: no libcurl (NETFILES), FLAC or XView.
(cd "$src" && ./configure --prefix="$build/wfdb" --without-netfiles --without-flac --without-xview >/dev/null \
   && make -C lib install >/dev/null && make -C app install >/dev/null)
test -x "$build/wfdb/bin/gqrs" && test -x "$build/wfdb/bin/rdsamp"
echo "built $build/wfdb/bin/gqrs and rdsamp"
