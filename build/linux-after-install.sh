#!/bin/sh
# deb/rpm after-install: sets up the netwatch system collector (group, unit, service).
# The unit runs the packaged netwatch; people in the group netwatch see every user's connections.
set -e
UNIT=/etc/systemd/system/netwatch-collector.service
if ! getent group netwatch >/dev/null 2>&1; then
  groupadd --system netwatch || true
fi
if [ -d /run/systemd/system ] && [ -f /opt/netwatch/resources/systemd/netwatch-collector.service ]; then
  sed 's|^ExecStart=.*|ExecStart=/opt/netwatch/netwatch collector run|' \
    /opt/netwatch/resources/systemd/netwatch-collector.service > "$UNIT"
  systemctl daemon-reload || true
  systemctl enable --now netwatch-collector.service || \
    echo "netwatch: the system collector did not start; see: journalctl -u netwatch-collector" >&2
  echo "netwatch: the system collector runs; let a user see it: sudo usermod -aG netwatch USER" >&2
fi
exit 0
