#!/bin/sh
# The local backend's watchdog for one ensemble; its argument is the ensemble's directory.
# It blocks reading its standard input, a pipe from the JVM that owns the ensemble. That pipe ends when the JVM
# exits, however it exits (close(), a crash, SIGKILL). Then it kills the ensemble's servers, whose pids are in
# <dir>/zkN.pid (SIGKILL works on a SIGSTOPped process too), and removes the directory (data only: logs live
# elsewhere). A pid is killed only while its command line still names this directory: pids get reused.
trap '' INT HUP
dir=$1
cat >/dev/null
for pidfile in "$dir"/*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir"; then
    kill -KILL "$pid" 2>/dev/null
  fi
done
rm -rf "$dir"
