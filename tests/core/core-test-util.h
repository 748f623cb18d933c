/* core-test-util.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* A private temporary folder per test program, removed at the end. (GLib 2.74's
 * G_TEST_OPTION_ISOLATE_DIRS leaks under valgrind, so the core tests do without.) */

#include <glib.h>
#include <glib/gstdio.h>

static char *core_test_root;
static guint core_test_counter;

static inline void
core_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            core_test_remove_tree (child);
          else
            g_remove (child);
          g_free (child);
        }
      g_dir_close (dir);
    }

  g_remove (path);
}

static inline void
core_test_init (int    *argc,
                char ***argv)
{
  g_test_init (argc, argv, NULL);
  core_test_root = g_dir_make_tmp ("orgsync-core-test-XXXXXX", NULL);
  g_assert_nonnull (core_test_root);
}

/* A fresh, empty folder; free it with g_free(). */
static inline char *
core_test_new_dir (void)
{
  char *dir = g_strdup_printf ("%s/%u", core_test_root, ++core_test_counter);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return dir;
}

static inline int
core_test_run (void)
{
  int rc = g_test_run ();

  core_test_remove_tree (core_test_root);
  g_clear_pointer (&core_test_root, g_free);

  return rc;
}
