#!/bin/bash
# Runs the jsforce fidelity suite against a fresh orgsync-sim.
#
#   run-fidelity.sh ORGSYNC_SIM TEST_SCRIPT
#
# jsforce@3.10.16 is installed with npm into a temporary folder, with HOME and
# the npm cache there too, so nothing outside it is touched. Set
# ORGSYNC_JSFORCE_DIR to a folder that already has node_modules/jsforce to skip
# the install (handy when iterating locally).
set -eu

sim=$1
script=$2
work=$(mktemp -d)
sim_pid=

cleanup () {
  if [ -n "$sim_pid" ]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Bail out! node and npm are needed (Debian: apt-get install nodejs npm)"
  exit 1
fi

modules=${ORGSYNC_JSFORCE_DIR:-}
if [ -z "$modules" ]; then
  modules=$work/npm
  mkdir -p "$modules" "$work/home"
  (
    cd "$modules"
    export HOME=$work/home npm_config_cache=$work/npm-cache
    npm init -y >/dev/null
    npm install --no-audit --no-fund --loglevel=error jsforce@3.10.16 >&2
  )
fi

client_id=OrgSyncFidelity
client_secret=fidelity-$RANDOM$RANDOM
"$sim" --records Account=6000 --daily-limit 100000 \
       --client-id "$client_id" --client-secret "$client_secret" \
       --callback http://127.0.0.1:47999/callback \
       > "$work/sim.out" 2> "$work/sim.err" &
sim_pid=$!

for _ in $(seq 100); do
  [ -s "$work/sim.out" ] && break
  sleep 0.1
done
base_url=$(head -n 1 "$work/sim.out")
if [ -z "$base_url" ]; then
  echo "Bail out! orgsync-sim did not start"
  cat "$work/sim.err" >&2
  exit 1
fi

export SIM_BASE_URL=$base_url SIM_CLIENT_ID=$client_id SIM_CLIENT_SECRET=$client_secret
export NODE_PATH=$modules/node_modules
export HOME=$work/home
mkdir -p "$HOME"
node --test --test-reporter=tap "$script"
