#!/bin/sh
# deb/rpm after-remove: stops and removes the netwatch system collector's unit. Its database in
# /var/lib/netwatch and the group netwatch are kept (history is never deleted silently).
UNIT=/etc/systemd/system/netwatch-collector.service
# deb passes "upgrade" and rpm a count >= 1 on upgrade: keep the service then.
case "$1" in upgrade | 1 | 2) exit 0 ;; esac
if [ -d /run/systemd/system ]; then
  systemctl disable --now netwatch-collector.service >/dev/null 2>&1 || true
fi
rm -f "$UNIT"
[ -d /run/systemd/system ] && systemctl daemon-reload >/dev/null 2>&1
exit 0
