// The help for netwatch's netstat switches, printed by `netwatch --help`.

export const NETSTAT_SWITCHES = `Listing (netstat's switches, combinable as in -tunap):
  -a, --all          all sockets, listening and not
  -l, --listening    only listening sockets (TCP LISTEN, unconnected UDP)
  -t, --tcp          TCP            -u, --udp   UDP            -w, --raw   raw sockets
  -4, --inet         IPv4 only      -6, --inet6 IPv6 only
  -n, --numeric      numeric addresses, ports and users (no name lookups)
  -p, --programs     PID/Program name column
  -o, --pid          PID column (as Windows netstat -o)
  -b, --exe          executable path column (as Windows netstat -b)
  -e, --extend       User and Inode columns; with -i, one block per interface
  -r, --route        routing tables
  -s, --statistics   protocol counters (Ip, Tcp, Udp, TcpExt, Ip6, ...)
  -i, --interfaces   interface table (up interfaces; -a for all)
  -c, --continuous   repeat every second; or give an interval: netwatch -tn 2
      --json         JSON instead of a table (one array per listing)
  -h, --help         this help

Without -t/-u/-w: TCP and UDP. Without -a/-l: connected sockets only, as netstat does.
UDP sockets have no state unless connected (shown as ESTABLISHED, like netstat).`;
