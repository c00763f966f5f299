// netwatch's one native helper: TCP byte counters (tcp_info bytes_acked, bytes_received) of every
// socket of the caller's network namespace, by socket inode, from one NETLINK_SOCK_DIAG dump per
// family. Any user may read them. Built as a Node-API addon (ABI-stable: one build serves Node and
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
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

// TCP states without byte counters worth reading: LISTEN, TIME_WAIT, NEW_SYN_RECV (request socks).
#define SKIPPED_STATES ((1u << 10) | (1u << 6) | (1u << 12))

struct out {
  double *v;
  size_t n, cap;
};

static int push3(struct out *o, double a, double b, double c) {
  if (o->n + 3 > o->cap) {
    size_t cap = o->cap ? o->cap * 2 : 3 * 1024;
    double *v = realloc(o->v, cap * sizeof(double));
    if (!v) return -1;
    o->v = v;
    o->cap = cap;
  }
  o->v[o->n++] = a;
  o->v[o->n++] = b;
  o->v[o->n++] = c;
  return 0;
}

// Sends one dump request: family AF_INET / AF_INET6 (SOCK_DIAG_BY_FAMILY, one family per walk of
// the kernel's hash tables), or 0 for the older TCPDIAG_GETSOCK request, which the kernel answers
// with both families in one walk (half the cost: the walk, not the sockets, dominates when the
// established table is large and mostly empty).
static int request(int fd, int family) {
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
    msg.req.idiag_states = ~SKIPPED_STATES;
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
  msg.req.idiag_states = ~SKIPPED_STATES;
  msg.req.idiag_ext = 1 << (INET_DIAG_INFO - 1);
  return sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0 ? errno : 0;
}

// One dump (see request); appends inode, bytes_acked, bytes_received triples. 0, or an errno.
static int dump_family(int family, struct out *o) {
  int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return errno;
  int sent = request(fd, family);
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
      if (d->idiag_inode == 0) continue;
      int rest = h->nlmsg_len - NLMSG_LENGTH(sizeof *d);
      for (struct rtattr *a = (struct rtattr *)(d + 1); RTA_OK(a, rest); a = RTA_NEXT(a, rest)) {
        if (a->rta_type != INET_DIAG_INFO) continue;
        // Kernels older than 4.2 send a shorter tcp_info without these two: no counts, no row.
        size_t need = offsetof(struct tcp_info, tcpi_bytes_received) + sizeof(__u64);
        if ((size_t)RTA_PAYLOAD(a) < need) break;
        struct tcp_info info;
        memcpy(&info, RTA_DATA(a), need);
        if (push3(o, (double)d->idiag_inode, (double)info.tcpi_bytes_acked, (double)info.tcpi_bytes_received))
          result = ENOMEM;
        break;
      }
      if (result) goto done;
    }
  }
done:
  close(fd);
  return result;
}

// tcpBytes(): Float64Array of [inode, bytesAcked, bytesReceived, ...]; throws with the errno text.
static napi_value tcp_bytes(napi_env env, napi_callback_info info) {
  (void)info;
  struct out o = {0};
  int e = dump_family(0, &o);
  if (!e) goto answer;
  // No compatible request (a kernel built without it): one dump per family.
  o.n = 0;
  e = dump_family(AF_INET, &o);
  // A kernel without IPv6 refuses the second family; the IPv4 sockets still count.
  if (!e) {
    int e6 = dump_family(AF_INET6, &o);
    if (e6 && e6 != EAFNOSUPPORT && e6 != ENOENT) e = e6;
  }
  if (e) {
    free(o.v);
    napi_throw_error(env, "ESOCKDIAG", strerror(e));
    return NULL;
  }
answer:;
  void *data = NULL;
  napi_value ab, arr;
  napi_status s = napi_create_arraybuffer(env, o.n * sizeof(double), &data, &ab);
  if (s == napi_ok && o.n) memcpy(data, o.v, o.n * sizeof(double));
  free(o.v);
  if (s != napi_ok || napi_create_typedarray(env, napi_float64_array, o.n, ab, 0, &arr) != napi_ok) {
    napi_throw_error(env, "ESOCKDIAG", "cannot allocate the result");
    return NULL;
  }
  return arr;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "tcpBytes", NAPI_AUTO_LENGTH, tcp_bytes, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "tcpBytes", fn) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
