/* slow-send.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preloaded into orgsync-cli by the mixed-fault run: every send() that wrote
 * something is followed by a 3 ms pause, as when a busy machine takes the client
 * off the CPU between writing a request and reading the answer. A server that
 * resets the connection straight away has then already done so when the client
 * first reads, which is the order that used to crash libsoup 3.2 (see
 * SF_IO_PRIORITY in src/sf/sf-client.c). Without it the order turns up in about one
 * run in thirty, on a loaded machine only. */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dlfcn.h>
#include <sys/socket.h>
#include <time.h>

#define PAUSE_NS (3 * 1000 * 1000)

ssize_t
send (int         fd,
      const void *buf,
      size_t      len,
      int         flags)
{
  static ssize_t (*real_send) (int, const void *, size_t, int);
  const struct timespec pause = { 0, PAUSE_NS };
  ssize_t written;

  if (real_send == NULL)
    *(void **) &real_send = dlsym (RTLD_NEXT, "send");

  written = real_send (fd, buf, len, flags);
  if (written > 0)
    nanosleep (&pause, NULL);

  return written;
}
