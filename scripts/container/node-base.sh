#!/usr/bin/env bash
# Makes a local stand-in for node:20-bookworm-slim and prints its tag, for machines that cannot pull
# images: Debian bookworm from the apt mirror this machine already uses (debootstrap), plus this
# machine's own Node.js and npm, imported into podman's storage. Reused when it already exists, so a
# second run costs a lookup. REBUILD_BASE=1 makes it again; --print-tag only prints the tag. Runs
# as root; expects podman and debootstrap (scripts/container-smoke.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
node_bin=$(readlink -f "$(command -v node)")
node_version=$(node -p 'process.versions.node')
# The tag names what is inside (Node version) and how it was made (this script's hash), so a new
# Node on the host or an edited recipe makes a new base instead of silently reusing a stale one.
recipe_hash=$(sha256sum "$here/node-base.sh" | cut -c1-8)
tag="localhost/qubes-guide-api/node-base:${node_version}-bookworm-${recipe_hash}"

if [[ ${1:-} == --print-tag ]]; then
  echo "$tag"
  exit 0
fi
if [[ ${REBUILD_BASE:-0} != 1 ]] && podman image exists "$tag"; then
  echo "$tag"
  exit 0
fi

log () { echo "node-base: $*" >&2; }

# The mirror apt uses on this machine: the only Debian mirror that is reachable here.
mirror=${DEBIAN_MIRROR:-}
if [[ -z $mirror ]]; then
  mirror=$(grep -h -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true)
fi
if [[ -z $mirror ]]; then
  mirror=$(grep -h -E '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

rootfs=$(mktemp -d /var/tmp/qubes-guide-api-node-base.XXXXXX)
[[ -d $rootfs && $rootfs == /var/tmp/qubes-guide-api-node-base.* ]] || exit 1
trap 'rm -rf --one-file-system "$rootfs"' EXIT

# minbase is what the slim image is: dpkg, apt, coreutils, bash, passwd. ca-certificates because
# the official image has it too and npm needs it for TLS. The compilers for better-sqlite3 are not
# baked in: the Dockerfile's builder stage installs them with apt-get, as it must on the real base.
log_file=${NODE_BASE_LOG:-/dev/null}
log "debootstrap bookworm from $mirror (a minute or two; log: $log_file)"
debootstrap --variant=minbase --include=ca-certificates \
  --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
  bookworm "$rootfs" "$mirror" > "$log_file" 2>&1 \
  || { log "debootstrap failed, see $log_file"; exit 1; }

# What the official slim images leave out, also for the packages the Dockerfile adds later with
# apt-get: documentation (but the copyright files), man pages, translations.
cat > "$rootfs/etc/dpkg/dpkg.cfg.d/slim" << 'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
DPKG

# apt sources as the official image has them (bookworm, -updates, -security), from this machine's
# own list when it has one in deb822 form, so apt-get in the Dockerfile reaches the same mirror.
rm -f "$rootfs/etc/apt/sources.list"
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/debian.sources"
else
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" > "$rootfs/etc/apt/sources.list"
fi

# Outbound TLS from this machine may go through a proxy whose CA is only in the host's local trust
# store: the image must trust what the host trusts, or npm ci cannot reach the registry.
if compgen -G '/usr/local/share/ca-certificates/*.crt' > /dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
fi
chroot "$rootfs" update-ca-certificates --fresh > /dev/null 2>&1

# Node where the official image has it (/usr/local), copied from this machine: the binary, its
# headers (node-gyp needs them for better-sqlite3) and npm.
node_prefix=$(dirname "$(dirname "$node_bin")")
npm_dir=$(readlink -f "$(npm root -g)/npm")
install -D -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/include" "$rootfs/usr/local/lib/node_modules" "$rootfs/usr/local/etc"
cp -a "$node_prefix/include/node" "$rootfs/usr/local/include/node"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# npm's global config (prefix /usr/local): node-gyp would otherwise download Node's headers from
# nodejs.org, which is unreachable; and npm trusts the system store, which has the proxy's CA.
cat > "$rootfs/usr/local/etc/npmrc" << 'EOF'
nodedir=/usr/local
cafile=/etc/ssl/certs/ca-certificates.crt
update-notifier=false
EOF

# The official image's user: node, uid and gid 1000, home /home/node. The Dockerfile runs as it.
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

# Slim as the official image is: no apt lists or caches, and what dpkg.cfg.d/slim excludes.
# ${rootfs:?} everywhere: an empty variable here would mean deleting the host's own files.
rm -rf "${rootfs:?}"/var/lib/apt/lists/* "${rootfs:?}"/var/cache/apt/* "${rootfs:?}"/var/cache/debconf/*-old \
  "${rootfs:?}"/usr/share/man/* "${rootfs:?}"/usr/share/info/* "${rootfs:?}"/var/log/*.log \
  "${rootfs:?}"/var/log/apt/* "${rootfs:?}"/tmp/*
find "${rootfs:?}/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
find "${rootfs:?}/usr/share/doc" -mindepth 1 -type d -empty -delete
find "${rootfs:?}/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +

log "importing as $tag"
tar --numeric-owner --xattrs -C "$rootfs" -c . | podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change 'CMD ["node"]' \
  --message "debootstrap bookworm ($mirror) + Node.js $node_version from the host" \
  - "$tag" > /dev/null
echo "$tag"
