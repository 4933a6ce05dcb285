#!/bin/sh
# Retakes the console screenshots in docs/images/console-*.png. It starts a tenant on
# loopback and installs the agent into a temporary folder. It runs two tasks, so that the Jobs
# and Logs pages have content. It updates the agent to a new version and to a broken one,
# which is rolled back, so that the Updates page has a history. Then it opens 'bridgehead console'
# on a virtual X display (Xvfb), captures the window once per page with ImageMagick, and
# captures the Updates page again after Repair ran. When IceWM is installed, it
# runs on the display too: its taskbar has a system tray, so the script also captures the
# tray icon with its menu open. Build first:
#   ./mvnw -q package -DskipTests
# Needs Xvfb and ImageMagick, optionally IceWM (Debian: apt-get install xvfb imagemagick
# icewm), and GTK 3 for JavaFX (libgtk-3-0).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/docs/images"
work=$(mktemp -d)
display=:97
width=1100
height=760
pids=""

cleanup() {
  "$root/bin/bridgehead" uninstall --root "$work/install" >/dev/null 2>&1 || true
  # Newest first, one at a time: the console must end before the X server it draws on, or
  # GTK crashes in native code as the display goes away.
  for pid in $(printf '%s\n' $pids | tac); do
    kill "$pid" 2>/dev/null || true
    timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# Commands run in the background call bin/bridgehead directly rather than through this
# function, so that $! is the Java process itself (bin/bridgehead execs java) and cleanup
# stops it.
bh() {
  "$root/bin/bridgehead" "$@"
}

wait_for() {
  # wait_for SECONDS COMMAND...: retries the command every half second.
  limit=$(( $1 * 2 ))
  shift
  count=0
  until "$@" >/dev/null 2>&1; do
    count=$((count + 1))
    if [ "$count" -ge "$limit" ]; then
      echo "console-screenshots: timed out waiting for: $*" >&2
      exit 1
    fi
    sleep 0.5
  done
}

mkdir -p "$out"

bh release keygen --private "$work/release.key" --public "$work/release.pub" >/dev/null
"$root/bin/bridgehead" tenant start --port 0 --data "$work/tenant" \
  --release-key "$work/release.pub" >"$work/tenant.out" 2>&1 &
pids="$pids $!"
wait_for 60 grep -q "^Tenant listening" "$work/tenant.out"
bh tenant pool create servers --data "$work/tenant" >"$work/pool.out"
bh tenant pool create backup --data "$work/tenant" >/dev/null
grep -o '^bh1\.[A-Za-z0-9_=-]*' "$work/pool.out" | head -n 1 >"$work/enroll.txt"
mkdir "$work/install"
bh install --unattended --accept-license --root "$work/install" --no-console-autostart \
  --enrollment-string-file "$work/enroll.txt" --release-key "$work/release.pub" >/dev/null
ipc="$work/install/run/bridgehead"
wait_for 60 bh status --ipc-dir "$ipc"

# version_is VERSION: true once the service reports VERSION and runs.
version_is() {
  bh status --ipc-dir "$ipc" --json | tr -d ' \n' | grep -q "\"version\":\"$1\",\"state\":\"running\""
}

bh release build --key "$work/release.key" --version 0.9.1 --out "$work/0.9.1.zip" >/dev/null
bh tenant release publish --data "$work/tenant" "$work/0.9.1.zip" >/dev/null
bh tenant pool set-version --data "$work/tenant" servers 0.9.1 >/dev/null
wait_for 240 version_is 0.9.1
mkdir -p "$work/broken/bin"
cp -R "$work/install/opt/bridgehead/current/lib" "$work/broken/lib"
printf '#!/bin/sh\necho "version 0.9.2 cannot start" >&2\nexit 1\n' >"$work/broken/bin/bridgehead"
chmod 755 "$work/broken/bin/bridgehead"
bh release build --key "$work/release.key" --version 0.9.2 --from "$work/broken" \
  --out "$work/0.9.2.zip" >/dev/null
bh tenant release publish --data "$work/tenant" "$work/0.9.2.zip" >/dev/null
bh tenant pool set-version --data "$work/tenant" servers 0.9.2 >/dev/null
wait_for 240 grep -q '"rolled-back"' "$work/install/var/lib/bridgehead/updates/result.json"
wait_for 120 version_is 0.9.1

bh tenant task run --data "$work/tenant" --pool servers \
  "$root/examples/tasks/count-files.sh" --var FOLDER=/etc >/dev/null
printf 'echo "checking disk"\nexit 3\n' >"$work/fail.sh"
bh tenant task run --data "$work/tenant" --pool servers "$work/fail.sh" >/dev/null || true

Xvfb "$display" -screen 0 "${width}x${height}x24" -nolisten tcp >"$work/xvfb.out" 2>&1 &
pids="$pids $!"
wait_for 20 xdpyinfo -display "$display"
export DISPLAY="$display"
if command -v icewm >/dev/null 2>&1; then
  icewm >"$work/icewm.out" 2>&1 &
  pids="$pids $!"
  sleep 2
fi
"$root/bin/bridgehead" console --ipc-dir "$ipc" --instance-dir "$work/console" \
  --data-dir "$work/install/var/lib/bridgehead" >"$work/console.out" 2>&1 &
pids="$pids $!"
wait_for 60 sh -c "xwininfo -display $display -root -tree | grep -q 'Bridgehead console'"
sleep 3

window=$(xwininfo -display "$display" -name 'Bridgehead console' | awk '/Window id/ {print $4}')
for page in Dashboard Jobs Logs Setup Pools Updates; do
  bh console --page "$page" --instance-dir "$work/console" >/dev/null
  sleep 2
  name=$(printf '%s' "$page" | tr 'A-Z' 'a-z')
  import -display "$display" -window "$window" +dither -colors 96 -strip \
    "PNG8:$out/console-$name.png"
  echo "wrote docs/images/console-$name.png"
done

# Repair through its mnemonic on the Updates page, which has the focus now; the service
# stops and starts again, and the page lists each step.
java "$root/docs/PressKeys.java" alt P
wait_for 180 grep -q '"kind" : "repair"' "$work/install/var/lib/bridgehead/updates/result.json"
wait_for 120 version_is 0.9.1
# The notification of the repair's end stays 8 s; it is a window of its own.
sleep 10
import -display "$display" -window "$window" +dither -colors 96 -strip \
  "PNG8:$out/console-repair.png"
echo "wrote docs/images/console-repair.png"

# The tray icon is the AWT frame embedded in the window manager's tray.
icon=$(xwininfo -display "$display" -root -tree | awk '/JavaEmbeddedFrame/ {print $NF; exit}')
if [ -n "$icon" ]; then
  x=$(printf '%s' "$icon" | cut -d+ -f2)
  y=$(printf '%s' "$icon" | cut -d+ -f3)
  java "$root/docs/ClickAt.java" $((x + 8)) $((y + 8)) right
  sleep 1
  # Click the second item, the service's submenu, so that it opens too.
  menu=$(xwininfo -display "$display" -root -tree | awk '/XPopupMenuPeer/ {print $(NF-1); exit}')
  menu_height=$(printf '%s' "$menu" | cut -dx -f2 | cut -d+ -f1)
  menu_x=$(printf '%s' "$menu" | cut -d+ -f2)
  menu_y=$(printf '%s' "$menu" | cut -d+ -f3)
  java "$root/docs/ClickAt.java" $((menu_x + 40)) $((menu_y + menu_height * 3 / 12)) left
  sleep 1
  import -display "$display" -window root -crop "900x300+$((width - 900))+$((height - 300))" \
    +repage +dither -colors 96 -strip "PNG8:$out/console-tray.png"
  echo "wrote docs/images/console-tray.png"
else
  echo "console-screenshots: no system tray on the display, so no tray picture" >&2
fi
