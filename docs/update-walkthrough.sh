#!/bin/sh
# Runs the update walk-through of docs/operations.md on this machine. It starts a reference
# tenant on loopback and installs an agent into a folder. The agent then updates itself to a
# new version, rolls back a broken one, and is repaired after its program files were deleted.
#
# Run it from the repository after './mvnw -q package -DskipTests'. Everything it makes is
# in one temporary folder, which it prints; the tenant and the service are stopped at the
# end. Linux only, as installations into a folder are.
set -eu
cd "$(dirname "$0")/.."
bh="$PWD/bin/bridgehead"
work=$(mktemp -d "${TMPDIR:-/tmp}/bridgehead-walkthrough.XXXXXX")
root="$work/root"
ipc="$root/run/bridgehead"
mkdir "$root"
export BRIDGEHEAD_TENANT_DATA="$work/tenant"

step() {
  printf '\n== %s\n' "$*"
}

# Prints the version the installed service reports, or nothing while it is not reachable.
running_version() {
  "$bh" status --ipc-dir "$ipc" --json 2>/dev/null \
    | sed -n 's/^ *"version" *: *"\([^"]*\)".*/\1/p' | head -n 1
}

# Waits up to $2 seconds for the service to report version $1.
wait_for_version() {
  waited=0
  while [ "$(running_version)" != "$1" ]; do
    if [ "$waited" -ge "$2" ]; then
      echo "The service did not report version $1 within $2 s; see $root/var/log/bridgehead" >&2
      exit 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
  echo "The service runs version $1 (after about $waited s)."
}

# Waits up to $3 seconds for the tenant to show that the update to version $1 ended with $2.
wait_for_outcome() {
  waited=0
  until "$bh" tenant agents --json | tr -d ' \n' \
      | grep -q "\"lastUpdate\":{\"version\":\"$1\",\"outcome\":\"$2\""; do
    if [ "$waited" -ge "$3" ]; then
      echo "The tenant shows no update to $1 that ended with '$2' within $3 s" >&2
      exit 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

stop_all() {
  "$bh" uninstall --root "$root" >/dev/null 2>&1 || true
  if [ -n "${tenant_pid:-}" ]; then
    kill "$tenant_pid" 2>/dev/null || true
  fi
  echo "The walk-through's files are in $work"
}
trap stop_all EXIT

step "Make a release key pair"
"$bh" release keygen --private "$work/release.key" --public "$work/release.pub"

step "Start the tenant, trusting that key"
"$bh" tenant start --port 0 --release-key "$work/release.pub" >"$work/tenant.out" 2>&1 &
tenant_pid=$!
until "$bh" tenant pools >/dev/null 2>&1; do
  sleep 1
done
"$bh" tenant pool create walkthrough --json >"$work/pool.json"
sed -n 's/^ *"enrollmentString" *: *"\([^"]*\)".*/\1/p' "$work/pool.json" >"$work/enroll.txt"

step "Install the agent into $root; it trusts the same key"
"$bh" install --unattended --accept-license --root "$root" \
  --enrollment-string-file "$work/enroll.txt" --release-key "$work/release.pub"
first=$(running_version)
echo "The service runs version $first."

step "Build, publish and roll out version 0.9.1"
"$bh" release build --key "$work/release.key" --version 0.9.1 --out "$work/bridgehead-0.9.1.zip"
"$bh" tenant release publish "$work/bridgehead-0.9.1.zip"
"$bh" tenant pool set-version walkthrough 0.9.1
wait_for_version 0.9.1 300
echo 'echo "a task run by the agent on $(hostname)"' >"$work/task.sh"
"$bh" tenant task run "$work/task.sh" --pool walkthrough

step "Publish a broken 0.9.2, whose program exits at once, and watch it roll back"
mkdir -p "$work/broken/bin"
cp -R "$root/opt/bridgehead/current/lib" "$work/broken/lib"
printf '#!/bin/sh\necho "version 0.9.2 cannot start" >&2\nexit 1\n' >"$work/broken/bin/bridgehead"
chmod 755 "$work/broken/bin/bridgehead"
"$bh" release build --key "$work/release.key" --version 0.9.2 --from "$work/broken" \
  --out "$work/bridgehead-0.9.2.zip"
"$bh" tenant release publish "$work/bridgehead-0.9.2.zip"
"$bh" tenant pool set-version walkthrough 0.9.2
wait_for_outcome 0.9.2 failed 300
wait_for_version 0.9.1 120
"$bh" tenant agents

step "Delete the running version's files, stop the service, and repair"
pid=$(cat "$ipc/automation.pid")
rm -rf "$root/opt/bridgehead/versions/0.9.1/lib"
kill "$pid"
"$bh" repair --root "$root"
wait_for_version 0.9.1 120
"$bh" tenant task run "$work/task.sh" --pool walkthrough

step "Roll the pool back to version $first by pointing it at a package of that version"
"$bh" release build --key "$work/release.key" --version "$first" --out "$work/bridgehead-$first.zip"
"$bh" tenant release publish "$work/bridgehead-$first.zip"
"$bh" tenant pool set-version walkthrough "$first"
wait_for_version "$first" 300
"$bh" tenant release list
