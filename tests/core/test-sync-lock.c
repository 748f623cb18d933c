/* test-sync-lock.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core-test-util.h"
#include "orgsync-error.h"
#include "orgsync-sync-lock.h"

#define CONNECTION "2b7c3a9e-0d1f-4c55-9a39-5f6a0c1e2d3b"

/* A child that takes the lock, says so and waits to be killed. */
static pid_t
spawn_holder (const char *data_dir)
{
  int ready[2];
  char byte;
  pid_t pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);

  if (pid == 0)
    {
      OrgsyncSyncLock *lock;

      close (ready[0]);
      lock = orgsync_sync_lock_acquire (data_dir, CONNECTION, "Acme", NULL);
      if (lock == NULL || write (ready[1], "x", 1) != 1)
        _exit (2);
      for (;;)
        pause ();
    }

  close (ready[1]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);

  return pid;
}

static void
test_second_process_refused (void)
{
  g_autofree char *data_dir = core_test_new_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgsyncSyncLock) lock = NULL;
  g_autofree char *expected_pid = NULL;
  int status;
  pid_t pid;

  pid = spawn_holder (data_dir);
  expected_pid = g_strdup_printf ("process %d", (int) pid);

  g_assert_true (orgsync_sync_lock_is_held (data_dir, CONNECTION));
  lock = orgsync_sync_lock_acquire (data_dir, CONNECTION, "Acme", &error);
  g_assert_null (lock);
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_ALREADY_SYNCING);
  g_assert_nonnull (strstr (error->message, "“Acme” is already syncing"));
  g_assert_nonnull (strstr (error->message, expected_pid));
  g_clear_error (&error);

  /* SIGKILL leaves no stale lock behind. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  g_assert_false (orgsync_sync_lock_is_held (data_dir, CONNECTION));
  lock = orgsync_sync_lock_acquire (data_dir, CONNECTION, "Acme", &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
}

/* Two windows of one process conflict as well; releasing frees the lock. */
static void
test_same_process (void)
{
  g_autofree char *data_dir = core_test_new_dir ();
  g_autoptr(GError) error = NULL;
  OrgsyncSyncLock *first;
  OrgsyncSyncLock *second;

  g_assert_false (orgsync_sync_lock_is_held (data_dir, CONNECTION));
  first = orgsync_sync_lock_acquire (data_dir, CONNECTION, NULL, &error);
  g_assert_no_error (error);

  second = orgsync_sync_lock_acquire (data_dir, CONNECTION, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_ALREADY_SYNCING);
  g_clear_error (&error);

  /* Another connection is independent. */
  second = orgsync_sync_lock_acquire (data_dir, "other-connection", NULL, &error);
  g_assert_no_error (error);
  orgsync_sync_lock_release (second);

  orgsync_sync_lock_release (first);
  g_assert_false (orgsync_sync_lock_is_held (data_dir, CONNECTION));
  second = orgsync_sync_lock_acquire (data_dir, CONNECTION, NULL, &error);
  g_assert_no_error (error);
  orgsync_sync_lock_release (second);

  /* An id that is not a connection id never becomes a path. */
  g_assert_null (orgsync_sync_lock_acquire (data_dir, "../escape", NULL, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  core_test_init (&argc, &argv);

  g_test_add_func ("/sync-lock/second-process-refused", test_second_process_refused);
  g_test_add_func ("/sync-lock/same-process", test_same_process);

  return core_test_run ();
}
