#!/usr/bin/env bash
# npm run container:smoke: build the project's real Dockerfile and run the image the way it is
# meant to run (non-root, read-only root filesystem, port on loopback), then ask it /ready and a
# topic. Prints PASS or FAIL with the image size, build time and time to ready; exits non-zero on
# any failure.
#
# This machine has no Docker engine and reaches no image registry, so: podman from Debian (root,
# runc, chroot isolation for the build) and a base image made here by scripts/container/node-base.sh
# (Debian bookworm + this machine's Node 20), passed as NODE_IMAGE. The Dockerfile's default stays
# node:20-bookworm-slim. Runs as root; installs what it needs with apt-get.
#
# Knobs: SMOKE_IMAGE (tag to build), SMOKE_PORT (host port, default: a free one),
# SMOKE_READY_TIMEOUT (seconds, default 60), REBUILD_BASE=1 (make the base again).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

image=${SMOKE_IMAGE:-localhost/qubes-guide-api:smoke}
ready_timeout=${SMOKE_READY_TIMEOUT:-60}
topic=file-exchange
container=qubes-guide-api-smoke-$$
logs=$root/var/container-smoke
mkdir -p "$logs"

say () { echo "container:smoke: $*"; }

# Filled in as the run goes, printed by the EXIT trap whatever happens.
step=start
base_note=-
build_seconds=-
image_size=-
ready_seconds=-
checks=()
started_container=0

summary () {
  local status=$?
  if ((started_container)); then
    if ((status != 0)); then
      say "last lines of the container's log:"
      "${podman[@]}" logs --tail 20 "$container" 2>&1 | sed 's/^/  | /' || true
    fi
    # Always remove the container, also on failure and Ctrl-C.
    "${podman[@]}" rm --force --time 3 "$container" > /dev/null 2>&1 || true
  fi
  echo
  if ((status == 0)); then echo "container:smoke: PASS"; else echo "container:smoke: FAIL at: $step"; fi
  echo "  image:    $image, $image_size"
  echo "  base:     $base_note"
  echo "  build:    ${build_seconds} s"
  echo "  ready in: ${ready_seconds} s"
  ((${#checks[@]})) && printf '  ok:       %s\n' "${checks[@]}"
  exit "$status"
}
trap summary EXIT
trap 'exit 130' INT TERM

fail () { say "$step: $*" >&2; exit 1; }
now () { date +%s.%N; }
seconds_since () { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

step='root check'
# Rootful podman: rootless needs subuid ranges and a user session this machine does not set up.
[[ $(id -u) == 0 ]] || fail "run as root (rootful podman)"

step='install tools'
# Every tool comes from Debian's packages; nothing else is reachable. runc named explicitly (podman
# would take crun first); containernetworking-plugins and iptables publish the port (-p); node is
# already here, it is what the base image copies.
packages=(podman runc debootstrap containernetworking-plugins iptables curl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$package" 2> /dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]} with apt-get"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    > "$logs/apt.log" 2>&1 || { tail -n 20 "$logs/apt.log" >&2; fail "apt-get failed (log: var/container-smoke/apt.log)"; }
fi
command -v node > /dev/null || fail "node is not installed: the base image copies this machine's Node 20"

# No systemd or journald here: cgroupfs and a file for events. runc, as the machine notes say.
podman=(podman --runtime runc --cgroup-manager cgroupfs --events-backend file)

# podman asks for nofile=1048576 by default, above this machine's hard limit (20000 when this was
# written): runc then fails with "error setting rlimit type 7: operation not permitted". podman
# also caps its own nproc at 32768, and runc cannot raise what it inherits ("rlimit type 6"). So
# ask for the limits we actually have.
limit () { local hard=$1 cap=$2; [[ $hard == unlimited || $hard -gt $cap ]] && hard=$cap; echo "$hard"; }
nofile=$(limit "$(ulimit -Hn)" 65536)
nproc=$(limit "$(ulimit -Hu)" 32768)
ulimits=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")
say "$(podman --version), $(runc --version | head -n 1), storage $("${podman[@]}" info --format '{{.Store.GraphDriverName}}'), ulimits nofile=$nofile nproc=$nproc"

step='base image'
started=$(now)
had_base=$(bash scripts/container/node-base.sh --print-tag)
if "${podman[@]}" image exists "$had_base"; then base_made=0; else base_made=1; fi
base=$(NODE_BASE_LOG="$logs/node-base.log" bash scripts/container/node-base.sh)
if ((base_made)); then base_note="$base (made in $(seconds_since "$started") s)"; else base_note="$base (reused)"; fi
say "base $base_note"

step='build'
say "building $image from Dockerfile (log: var/container-smoke/build.log)"
started=$(now)
# chroot isolation: RUN steps need no network or cgroup namespaces, which is what works here.
# --network host: npm ci and apt-get reach their registries as this machine does. docker format
# keeps the HEALTHCHECK (OCI images have no field for it). --pull=never: the base is local.
# The log gets a clock time on every line, to see which step is slow.
set +e
"${podman[@]}" build --isolation chroot --network host --format docker --pull=never --layers \
  "${ulimits[@]}" --build-arg "NODE_IMAGE=$base" --tag "$image" --file Dockerfile . 2>&1 \
  | while IFS= read -r line || [[ -n $line ]]; do printf '%(%T)T %s\n' -1 "$line"; done > "$logs/build.log"
build_status=${PIPESTATUS[0]}
set -e
build_seconds=$(seconds_since "$started")
if ((build_status != 0)); then
  tail -n 30 "$logs/build.log" | sed 's/^/  | /' >&2
  fail "podman build exited $build_status"
fi
size_bytes=$("${podman[@]}" image inspect --format '{{.Size}}' "$image")
image_size="$(awk -v b="$size_bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }') ($size_bytes bytes)"
checks+=("built in ${build_seconds} s")

step='run'
port=${SMOKE_PORT:-$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })")}
# As in production: the image's own user (no --user), nothing writable (podman would otherwise
# mount tmpfs on /tmp, /run and /var/tmp; docker's --read-only does not), no capabilities. The
# HEALTHCHECK timer needs systemd, which is not here (podman 4.3 says so on stderr, hence the
# log, and runs the container anyway): the check runs once by hand below instead.
started=$(now)
"${podman[@]}" run --detach --name "$container" "${ulimits[@]}" \
  --read-only --read-only-tmpfs=false --cap-drop ALL --security-opt no-new-privileges \
  --publish "127.0.0.1:$port:3000" "$image" > "$logs/run.log" 2>&1 \
  || { cat "$logs/run.log" >&2; fail "podman run failed"; }
started_container=1

step="wait for /ready (${ready_timeout} s)"
deadline=$(($(date +%s) + ready_timeout))
until curl --silent --fail --max-time 2 --output /dev/null "http://127.0.0.1:$port/ready"; do
  [[ $("${podman[@]}" inspect --format '{{.State.Running}}' "$container") == true ]] || fail "the container stopped"
  (($(date +%s) < deadline)) || fail "no 200 from /ready within ${ready_timeout} s"
  sleep 0.2
done
ready_seconds=$(seconds_since "$started")
checks+=("/ready 200 after ${ready_seconds} s")

step='non-root user'
uid=$("${podman[@]}" exec "$container" id -u)
[[ $uid != 0 ]] || fail "the server runs as root"
checks+=("runs as uid $uid ($("${podman[@]}" exec "$container" id -un))")

step='read-only root filesystem'
[[ $("${podman[@]}" inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$container") == true ]] || fail "root filesystem is writable"
if "${podman[@]}" exec "$container" sh -c 'touch /tmp/.smoke || touch /app/.smoke' 2> /dev/null; then
  fail "could write inside the container"
fi
checks+=("root filesystem read-only (no write to /tmp or /app)")

step="GET /v1/topics/$topic"
# The expected title comes from the content itself, so editing the topic does not break the check.
title=$(sed -n 's/^title: *//p' "data/topics/$topic/en.md" | head -n 1 | sed -E "s/^(['\"])(.*)\1\$/\2/")
status=$(curl --silent --max-time 5 --output "$logs/topic.json" --write-out '%{http_code}' \
  "http://127.0.0.1:$port/v1/topics/$topic")
[[ $status == 200 ]] || fail "status $status"
# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
  const [file, slug, title] = process.argv.slice(1)
  const topic = JSON.parse(require("node:fs").readFileSync(file, "utf8"))
  if (topic.slug !== slug || topic.title !== title) {
    console.error(`got slug ${JSON.stringify(topic.slug)}, title ${JSON.stringify(topic.title)}`)
    process.exit(1)
  }' "$logs/topic.json" "$topic" "$title" || fail "wrong topic"
checks+=("/v1/topics/$topic 200, slug and title \"$title\"")

step='GET /ready'
ready=$(curl --silent --fail --max-time 5 "http://127.0.0.1:$port/ready") || fail "no 200"
node -e 'const r = JSON.parse(process.argv[1]); if (r.status !== "ready" || !r.release?.version) process.exit(1)' "$ready" \
  || fail "unexpected body: $ready"
checks+=("/ready 200, release $(node -p 'JSON.parse(process.argv[1]).release.version' "$ready")")

step='HEALTHCHECK'
"${podman[@]}" healthcheck run "$container" > /dev/null 2>&1 || fail "the image's HEALTHCHECK failed"
checks+=("the image's HEALTHCHECK passes")

step=finished
