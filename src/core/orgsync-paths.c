/* orgsync-paths.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "orgsync-error.h"
#include "orgsync-paths.h"

/* The storage layout of design.md §5 (public: the README documents it):
 *
 *   <data dir>/orgsync.db
 *   <data dir>/connections/<connection id>/records.db   (+ -wal, -shm)
 *   <data dir>/connections/<connection id>/sync.lock
 *
 * The data dir is $XDG_DATA_HOME/orgsync unless the caller gives one (--data-dir). */

char *
orgsync_paths_dup_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "orgsync", NULL);
}

/* Connection ids become directory names: only the characters of a UUID, so that an id
 * read from a damaged or hostile orgsync.db can never point outside the data dir. */
gboolean
orgsync_paths_validate_connection_id (const char  *connection_id,
                                      GError     **error)
{
  gsize len = connection_id != NULL ? strlen (connection_id) : 0;

  if (len == 0 || len > 64)
    goto invalid;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (connection_id[i]) && connection_id[i] != '-')
        goto invalid;
    }

  return TRUE;

invalid:
  g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA,
               _("“%s” is not a valid connection id."),
               connection_id != NULL ? connection_id : "");
  return FALSE;
}

char *
orgsync_paths_dup_connection_dir (const char  *data_dir,
                                  const char  *connection_id,
                                  GError     **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);

  if (!orgsync_paths_validate_connection_id (connection_id, error))
    return NULL;

  return g_build_filename (data_dir, "connections", connection_id, NULL);
}

char *
orgsync_paths_dup_records_path (const char  *data_dir,
                                const char  *connection_id,
                                GError     **error)
{
  g_autofree char *dir = orgsync_paths_dup_connection_dir (data_dir, connection_id, error);

  if (dir == NULL)
    return NULL;

  return g_build_filename (dir, "records.db", NULL);
}

gboolean
orgsync_paths_ensure_connection_dir (const char  *data_dir,
                                     const char  *connection_id,
                                     GError     **error)
{
  g_autofree char *dir = orgsync_paths_dup_connection_dir (data_dir, connection_id, error);

  if (dir == NULL)
    return FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
remove_recursively (GFile   *file,
                    GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (children != NULL)
    {
      GFile *child;

      for (;;)
        {
          if (!g_file_enumerator_iterate (children, NULL, &child, NULL, error))
            return FALSE;
          if (child == NULL)
            break;
          if (!remove_recursively (child, error))
            return FALSE;
        }
    }
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_file_delete (file, NULL, error);
}

/* Removes the connection's records.db and lock file ("remove NAME" without
 * --keep-data). A folder that does not exist is not an error. */
gboolean
orgsync_paths_remove_connection_dir (const char  *data_dir,
                                     const char  *connection_id,
                                     GError     **error)
{
  g_autofree char *dir = orgsync_paths_dup_connection_dir (data_dir, connection_id, error);
  g_autoptr(GFile) file = NULL;

  if (dir == NULL)
    return FALSE;

  file = g_file_new_for_path (dir);

  return remove_recursively (file, error);
}
