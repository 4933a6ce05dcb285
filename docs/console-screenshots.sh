#!/bin/sh
# Retakes the console screenshots in docs/images/console-*.png. It starts a tenant and an
# automation agent on loopback in a temporary folder and runs two tasks, so that the Jobs
# and Logs pages have content. Then it opens 'bridgehead console' on a virtual X display
# (Xvfb) and captures the window once per page with ImageMagick. When IceWM is installed, it
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
  for pid in $pids; do
    kill "$pid" 2>/dev/null || true
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

mkdir -p "$out" "$work/run"
chmod 700 "$work/run"

"$root/bin/bridgehead" tenant start --port 0 --data "$work/tenant" >"$work/tenant.out" 2>&1 &
pids="$pids $!"
wait_for 60 grep -q "^Tenant listening" "$work/tenant.out"
bh tenant pool create servers --data "$work/tenant" >"$work/pool.out"
bh tenant pool create backup --data "$work/tenant" >/dev/null
string=$(grep -o '^bh1\.[A-Za-z0-9_=-]*' "$work/pool.out" | head -n 1)
printf '%s\n' "$string" | bh agent enroll --data "$work/agent" --enrollment-string - \
  >/dev/null
"$root/bin/bridgehead" agent run --role automation --data "$work/agent" --ipc-dir "$work/run" \
  >"$work/agent.out" 2>&1 &
pids="$pids $!"
wait_for 60 bh status --ipc-dir "$work/run"

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
"$root/bin/bridgehead" console --ipc-dir "$work/run" --instance-dir "$work/console" >"$work/console.out" 2>&1 &
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
