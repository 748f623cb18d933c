/* orgsync-sync-lock.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "orgsync-error.h"
#include "orgsync-paths.h"
#include "orgsync-sync-lock.h"

/* One sync run per connection at a time, across processes (the GUI, orgsync-cli and
 * the daemon may all try): an exclusive flock() on <connection dir>/sync.lock.
 *
 * flock() rather than a PID file because the kernel drops the lock when the holder's
 * last descriptor closes, and that includes a process killed with SIGKILL: there is
 * never a stale lock to clean up. Locks belong to the open file description, so two
 * acquisitions in one process conflict too (two windows), and O_CLOEXEC keeps a
 * spawned browser from inheriting the lock. The file itself is never deleted: deleting
 * it while another process waits to open it would let two processes lock two files. */
struct _OrgsyncSyncLock
{
  int fd;
};

static char *
lock_path (const char  *data_dir,
           const char  *connection_id,
           GError     **error)
{
  g_autofree char *dir = orgsync_paths_dup_connection_dir (data_dir, connection_id, error);

  if (dir == NULL)
    return NULL;

  return g_build_filename (dir, "sync.lock", NULL);
}

static int
open_lock_file (const char  *path,
                GError     **error)
{
  int fd;

  do
    fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open the lock file “%s”: %s"), path, g_strerror (saved_errno));
    }

  return fd;
}

static gboolean
try_lock (int fd)
{
  int rc;

  do
    rc = flock (fd, LOCK_EX | LOCK_NB);
  while (rc != 0 && errno == EINTR);

  return rc == 0;
}

static void
write_owner (int fd)
{
  char pid[32];
  int len = g_snprintf (pid, sizeof pid, "%d\n", (int) getpid ());

  /* For people looking at the file; nothing reads it to decide anything. */
  if (ftruncate (fd, 0) == 0 && pwrite (fd, pid, len, 0) == len)
    return;
}

static int
read_owner (int fd)
{
  char buf[32] = { 0, };

  if (pread (fd, buf, sizeof buf - 1, 0) <= 0)
    return 0;

  return atoi (buf);
}

/**
 * orgsync_sync_lock_acquire:
 * @display_name: (nullable): the connection's name, for the error message
 *
 * Takes the connection's sync lock without waiting. Creates the connection folder when
 * needed.
 *
 * Returns: (transfer full): the lock, or %NULL with %ORGSYNC_ERROR_ALREADY_SYNCING when
 *   another sync of the connection is running (in any process)
 */
OrgsyncSyncLock *
orgsync_sync_lock_acquire (const char  *data_dir,
                           const char  *connection_id,
                           const char  *display_name,
                           GError     **error)
{
  g_autofree char *path = NULL;
  OrgsyncSyncLock *lock;
  int fd;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (!orgsync_paths_ensure_connection_dir (data_dir, connection_id, error) ||
      !(path = lock_path (data_dir, connection_id, error)))
    return NULL;

  if ((fd = open_lock_file (path, error)) < 0)
    return NULL;

  if (!try_lock (fd))
    {
      int saved_errno = errno;
      int owner = read_owner (fd);

      close (fd);

      if (saved_errno != EWOULDBLOCK)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not lock “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }

      if (owner > 0)
        g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_ALREADY_SYNCING,
                     _("“%s” is already syncing (process %d: another window or orgsync-cli). "
                       "Wait for that sync to finish."),
                     display_name != NULL ? display_name : connection_id, owner);
      else
        g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_ALREADY_SYNCING,
                     _("“%s” is already syncing in another window or in orgsync-cli. "
                       "Wait for that sync to finish."),
                     display_name != NULL ? display_name : connection_id);
      return NULL;
    }

  write_owner (fd);

  lock = g_new0 (OrgsyncSyncLock, 1);
  lock->fd = fd;

  return lock;
}

void
orgsync_sync_lock_release (OrgsyncSyncLock *lock)
{
  if (lock == NULL)
    return;

  /* Empty the file first, so that nobody reads a finished process's id. */
  if (ftruncate (lock->fd, 0) != 0)
    g_debug ("Could not empty a sync lock file: %s", g_strerror (errno));
  close (lock->fd);
  g_free (lock);
}

/* Whether a sync of the connection runs right now, in this process or another. */
gboolean
orgsync_sync_lock_is_held (const char *data_dir,
                           const char *connection_id)
{
  g_autofree char *path = lock_path (data_dir, connection_id, NULL);
  gboolean held;
  int fd;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  if ((fd = open_lock_file (path, NULL)) < 0)
    return FALSE;

  held = !try_lock (fd) && errno == EWOULDBLOCK;
  close (fd);

  return held;
}
