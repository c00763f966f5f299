// netwatch's one native helper: the TCP sockets of the caller's network namespace with their byte
// counters (tcp_info bytes_acked, bytes_received), from one NETLINK_SOCK_DIAG dump: the same walk
// of the kernel's hash tables that /proc/net/tcp and tcp6 make twice, once. Any user may read them. Built as a Node-API addon (ABI-stable: one build serves Node and
// Electron); the sampler falls back to `ss -tineH` when it cannot be built or loaded.
#define NAPI_VERSION 8
#include <node_api.h>

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

// TCP states without byte counters worth reading: LISTEN, TIME_WAIT, NEW_SYN_RECV (request socks).
#define SKIPPED_STATES ((1u << 10) | (1u << 6) | (1u << 12))
// The states /proc/net/tcp lists (1 ESTABLISHED .. 12 NEW_SYN_RECV): not the bound-only sockets a
// newer kernel dumps for bit 13 (TCPF_BOUND_INACTIVE), which /proc never shows.
#define PROC_STATES 0x1ffeu

// What one dump gives per socket: inode + counters (tcpBytes), or a whole row (tcpSockets).
enum shape { COUNTERS = 3, ROW = 19 };

struct out {
  double *v;
  size_t n, cap;
};

static int push(struct out *o, const double *values, size_t count) {
  if (o->n + count > o->cap) {
    size_t cap = o->cap ? o->cap * 2 : count * 1024;
    double *v = realloc(o->v, cap * sizeof(double));
    if (!v) return -1;
    o->v = v;
    o->cap = cap;
  }
  memcpy(o->v + o->n, values, count * sizeof(double));
  o->n += count;
  return 0;
}

// Sends one dump request: family AF_INET / AF_INET6 (SOCK_DIAG_BY_FAMILY, one family per walk of
// the kernel's hash tables), or 0 for the older TCPDIAG_GETSOCK request, which the kernel answers
// with both families in one walk (half the cost: the walk, not the sockets, dominates when the
// established table is large and mostly empty).
static int request(int fd, int family, unsigned states) {
  struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
  if (family == 0) {
    struct {
      struct nlmsghdr nlh;
      struct inet_diag_req req;
    } msg;
    memset(&msg, 0, sizeof msg);
    msg.nlh.nlmsg_len = sizeof msg;
    msg.nlh.nlmsg_type = TCPDIAG_GETSOCK;
    msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    msg.req.idiag_family = AF_INET;
    msg.req.idiag_states = states;
    msg.req.idiag_ext = 1 << (INET_DIAG_INFO - 1);
    return sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0 ? errno : 0;
  }
  struct {
    struct nlmsghdr nlh;
    struct inet_diag_req_v2 req;
  } msg;
  memset(&msg, 0, sizeof msg);
  msg.nlh.nlmsg_len = sizeof msg;
  msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  msg.req.sdiag_family = family;
  msg.req.sdiag_protocol = IPPROTO_TCP;
  msg.req.idiag_states = states;
  msg.req.idiag_ext = 1 << (INET_DIAG_INFO - 1);
  return sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0 ? errno : 0;
}

// The counters of one socket's INFO attribute: 1 when there, 0 when not (older than Linux 4.2
// sends a shorter tcp_info without them; TIME_WAIT and request sockets send none).
static int counters(struct inet_diag_msg *d, int rest, double *acked, double *received) {
  for (struct rtattr *a = (struct rtattr *)(d + 1); RTA_OK(a, rest); a = RTA_NEXT(a, rest)) {
    if (a->rta_type != INET_DIAG_INFO) continue;
    size_t need = offsetof(struct tcp_info, tcpi_bytes_received) + sizeof(__u64);
    if ((size_t)RTA_PAYLOAD(a) < need) return 0;
    struct tcp_info info;
    memcpy(&info, RTA_DATA(a), need);
    *acked = (double)info.tcpi_bytes_acked;
    *received = (double)info.tcpi_bytes_received;
    return 1;
  }
  return 0;
}

// One socket as a ROW: family, state, local port, remote port, the four words of each address as
// the kernel holds them (what /proc/net/tcp prints in hex), recv-Q, send-Q, uid, inode, whether
// the counters are there, bytes acked, bytes received. Send-Q of a listener is 0, as in /proc
// (sock_diag reports its backlog limit there).
static int push_row(struct out *o, struct inet_diag_msg *d, int rest) {
  double v[ROW];
  uint32_t src[4], dst[4];
  memcpy(src, d->id.idiag_src, sizeof src);
  memcpy(dst, d->id.idiag_dst, sizeof dst);
  v[0] = d->idiag_family == AF_INET6 ? 6 : 4;
  v[1] = d->idiag_state;
  v[2] = ntohs(d->id.idiag_sport);
  v[3] = ntohs(d->id.idiag_dport);
  for (int i = 0; i < 4; i++) {
    v[4 + i] = src[i];
    v[8 + i] = dst[i];
  }
  v[12] = d->idiag_rqueue;
  v[13] = d->idiag_state == 10 ? 0 : d->idiag_wqueue;
  v[14] = d->idiag_uid;
  v[15] = d->idiag_inode;
  v[17] = v[18] = 0;
  v[16] = counters(d, rest, &v[17], &v[18]);
  return push(o, v, ROW);
}

// One dump (see request) of the given states, each socket appended in the given shape. 0, or an errno.
static int dump_family(int family, unsigned states, enum shape shape, struct out *o) {
  int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return errno;
  int sent = request(fd, family, states);
  if (sent) {
    close(fd);
    return sent;
  }
  static __thread char buf[65536] __attribute__((aligned(NLMSG_ALIGNTO)));
  int result = 0;
  for (;;) {
    ssize_t len = recv(fd, buf, sizeof buf, 0);
    if (len < 0) {
      if (errno == EINTR) continue;
      result = errno;
      break;
    }
    if (len == 0) break;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)len); h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_type == NLMSG_DONE) goto done;
      if (h->nlmsg_type == NLMSG_ERROR) {
        struct nlmsgerr *err = NLMSG_DATA(h);
        result = err->error ? -err->error : EPROTO;
        goto done;
      }
      if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY && h->nlmsg_type != TCPDIAG_GETSOCK) continue;
      struct inet_diag_msg *d = NLMSG_DATA(h);
      int rest = h->nlmsg_len - NLMSG_LENGTH(sizeof *d);
      if (shape == ROW) {
        if (push_row(o, d, rest)) result = ENOMEM;
      } else if (d->idiag_inode != 0) {
        double v[COUNTERS] = {(double)d->idiag_inode, 0, 0};
        if (counters(d, rest, &v[1], &v[2]) && push(o, v, COUNTERS)) result = ENOMEM;
      }
      if (result) goto done;
    }
  }
done:
  close(fd);
  return result;
}

// Both families in the given shape: one dump, else one per family. 0, or an errno.
static int dump(unsigned states, enum shape shape, struct out *o) {
  if (!dump_family(0, states, shape, o)) return 0;
  // No compatible request (a kernel built without it): one dump per family.
  o->n = 0;
  int e = dump_family(AF_INET, states, shape, o);
  // A kernel without IPv6 refuses the second family; the IPv4 sockets still count.
  if (!e) {
    int e6 = dump_family(AF_INET6, states, shape, o);
    if (e6 && e6 != EAFNOSUPPORT && e6 != ENOENT) e = e6;
  }
  return e;
}

// The doubles of o as a Float64Array (o is freed); NULL with an error thrown.
static napi_value answer(napi_env env, struct out *o, int e) {
  if (e) {
    free(o->v);
    napi_throw_error(env, "ESOCKDIAG", strerror(e));
    return NULL;
  }
  void *data = NULL;
  napi_value ab, arr;
  napi_status s = napi_create_arraybuffer(env, o->n * sizeof(double), &data, &ab);
  if (s == napi_ok && o->n) memcpy(data, o->v, o->n * sizeof(double));
  free(o->v);
  if (s != napi_ok || napi_create_typedarray(env, napi_float64_array, o->n, ab, 0, &arr) != napi_ok) {
    napi_throw_error(env, "ESOCKDIAG", "cannot allocate the result");
    return NULL;
  }
  return arr;
}

// tcpBytes(): Float64Array of [inode, bytesAcked, bytesReceived, ...]; throws with the errno text.
static napi_value tcp_bytes(napi_env env, napi_callback_info info) {
  (void)info;
  struct out o = {0};
  return answer(env, &o, dump(~SKIPPED_STATES, COUNTERS, &o));
}

// tcpSockets(): Float64Array of ROW records (see push_row), every state /proc/net/tcp lists.
static napi_value tcp_sockets(napi_env env, napi_callback_info info) {
  (void)info;
  struct out o = {0};
  return answer(env, &o, dump(PROC_STATES, ROW, &o));
}

static int export(napi_env env, napi_value exports, const char *name, napi_callback call) {
  napi_value fn;
  if (napi_create_function(env, name, NAPI_AUTO_LENGTH, call, NULL, &fn) != napi_ok) return -1;
  return napi_set_named_property(env, exports, name, fn) != napi_ok ? -1 : 0;
}

static napi_value init(napi_env env, napi_value exports) {
  if (export(env, exports, "tcpBytes", tcp_bytes) || export(env, exports, "tcpSockets", tcp_sockets)) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
