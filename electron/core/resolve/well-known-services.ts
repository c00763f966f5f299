// Service names for the ports people meet most, used when /etc/services is missing (minimal
// containers, Windows, some macOS setups). Names as Debian's /etc/services spells them.

/** "port/proto name" entries; a port listed once as "port name" serves both tcp and udp. */
const TABLE = `
7 echo;9 discard;13 daytime;20/tcp ftp-data;21/tcp ftp;22 ssh;23/tcp telnet;25/tcp smtp;37 time;
43/tcp whois;53 domain;67/udp bootps;68/udp bootpc;69/udp tftp;79/tcp finger;80/tcp http;
88 kerberos;110/tcp pop3;111 sunrpc;113/tcp auth;119/tcp nntp;123/udp ntp;135/tcp epmap;
137/udp netbios-ns;138/udp netbios-dgm;139/tcp netbios-ssn;143/tcp imap2;161 snmp;162 snmp-trap;
179/tcp bgp;389 ldap;427 svrloc;443 https;445/tcp microsoft-ds;464 kpasswd;465/tcp submissions;
500/udp isakmp;514/udp syslog;515/tcp printer;554 rtsp;587/tcp submission;631/tcp ipp;636/tcp ldaps;
853 domain-s;873/tcp rsync;989/tcp ftps-data;990/tcp ftps;993/tcp imaps;995/tcp pop3s;
1080/tcp socks;1194 openvpn;1433/tcp ms-sql-s;1434 ms-sql-m;1701/udp l2f;1812/udp radius;
1813/udp radius-acct;1900/udp ssdp;2049 nfs;3260/tcp iscsi-target;3306/tcp mysql;3389/tcp ms-wbt-server;
3478 stun;4500/udp ipsec-nat-t;5060 sip;5061/tcp sip-tls;5222/tcp xmpp-client;5269/tcp xmpp-server;
5353/udp mdns;5432/tcp postgresql;5671/tcp amqps;5672/tcp amqp;5900/tcp rfb;6379/tcp redis;
6443/tcp sun-sr-https;6667/tcp ircd;8080/tcp http-alt;8443/tcp https-alt;9100/tcp jetdirect;
11211 memcache;27017/tcp mongodb`;

export function builtInServices(): Map<string, string> {
  const services = new Map<string, string>();
  for (const entry of TABLE.split(';')) {
    const [where, name] = entry.trim().split(' ') as [string, string];
    const [port, proto] = where.split('/');
    for (const p of proto ? [proto] : ['tcp', 'udp']) services.set(`${port}/${p}`, name);
  }
  return services;
}
