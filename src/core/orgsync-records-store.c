/* orgsync-records-store.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-error.h"
#include "orgsync-field.h"
#include "orgsync-identifier.h"
#include "orgsync-records-store-private.h"
#include "orgsync-sqlite-private.h"

/* records.db of one connection (design.md §5, a public layout): one table per synced
 * object named exactly as its API name, one column per synced field, "Id" TEXT PRIMARY
 * KEY, and the bookkeeping in _orgsync_* tables of the same file, so that a page of
 * records and its checkpoint commit in one transaction.
 *
 * Threading: an OrgsyncRecordsStore is one SQLite connection opened without SQLite's
 * own mutexes. Use it from one thread only — the sync engine's writer thread — and
 * open another store (another connection) on any other thread, for example the GUI's
 * row counts. WAL lets those readers run while the writer writes.
 *
 * Identifiers: every table and column name passes orgsync_api_name_validate() and is
 * always double-quoted; values are always bound, never put into SQL text. */

struct _OrgsyncPageWriter
{
  char               *object;
  OrgsyncWriteMode    mode;
  guint               n_columns;
  guint               id_column;
  char              **columns;
  OrgsyncColumnType  *types;
  char              (*scratch)[ORGSYNC_DATETIME_BUFFER_SIZE];

  sqlite3_stmt       *row_stmt;
  sqlite3_stmt       *delete_stmt;
  sqlite3_stmt       *checkpoint_stmt;     /* UPSERT: _orgsync_object */
  sqlite3_stmt       *backfill_position;   /* UPDATE_ONLY: _orgsync_backfill */
  sqlite3_stmt       *backfill_done;
};

struct _OrgsyncRecordsStore
{
  GObject                  parent_instance;

  sqlite3                 *db;
  char                    *path;

  /* Writers by object and column set, owned here: their statements are prepared once
   * and reused for every page until the object's schema changes. */
  GHashTable              *writers;

  /* The object of a running Id reconciliation, or NULL */
  char                    *reconciling;

  /* Group commit (orgsync_records_store_set_group_commit()): pages written since the
   * open transaction began, and what they did, handed out when it commits. */
  guint                    group_rows;
  gint64                   group_us;
  gboolean                 group_open;
  guint64                  group_written;
  gint64                   group_began;
  OrgsyncPageStats         group_stats;
  OrgsyncPageStats         carried_stats;

  OrgsyncRecordsFailpoint  failpoint;
};

G_DEFINE_FINAL_TYPE (OrgsyncRecordsStore, orgsync_records_store, G_TYPE_OBJECT)

#define RECORDS_SCHEMA_VERSION 2

static const char bookkeeping_sql[] =
  "CREATE TABLE IF NOT EXISTS _orgsync_object ("
  "  object TEXT PRIMARY KEY,"
  "  field_signature TEXT NOT NULL,"
  "  high_water_mark TEXT,"
  "  full_sync_position TEXT,"
  "  full_sync_complete INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE IF NOT EXISTS _orgsync_column ("
  "  object TEXT NOT NULL,"
  "  name TEXT NOT NULL COLLATE NOCASE,"
  "  type TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (object, name)"
  ");"
  "CREATE TABLE IF NOT EXISTS _orgsync_backfill ("
  "  object TEXT NOT NULL,"
  "  field TEXT NOT NULL COLLATE NOCASE,"
  "  position TEXT,"
  "  PRIMARY KEY (object, field)"
  ");";

/* Version 2: where getDeleted resumes, and whether deletion history was lost. */
static const char bookkeeping_v2_sql[] =
  "ALTER TABLE _orgsync_object ADD COLUMN deletes_covered TEXT;"
  "ALTER TABLE _orgsync_object ADD COLUMN reconcile_needed INTEGER NOT NULL DEFAULT 0;";

/*
 * Page writers
 */

static void
page_writer_free (OrgsyncPageWriter *writer)
{
  g_clear_pointer (&writer->row_stmt, sqlite3_finalize);
  g_clear_pointer (&writer->delete_stmt, sqlite3_finalize);
  g_clear_pointer (&writer->checkpoint_stmt, sqlite3_finalize);
  g_clear_pointer (&writer->backfill_position, sqlite3_finalize);
  g_clear_pointer (&writer->backfill_done, sqlite3_finalize);
  g_strfreev (writer->columns);
  g_free (writer->types);
  g_free (writer->scratch);
  g_free (writer->object);
  g_free (writer);
}

guint
orgsync_page_writer_get_n_columns (OrgsyncPageWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);

  return writer->n_columns;
}

static void
invalidate_writers (OrgsyncRecordsStore *self,
                    const char          *object)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->writers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      OrgsyncPageWriter *writer = value;

      if (g_ascii_strcasecmp (writer->object, object) == 0)
        g_hash_table_iter_remove (&iter);
    }
}

/*
 * Auxiliary methods
 */

static const char *
column_decl_type (OrgsyncColumnType type)
{
  switch (type)
    {
    case ORGSYNC_COLUMN_INTEGER:
    case ORGSYNC_COLUMN_BOOLEAN:
      return "INTEGER";
    case ORGSYNC_COLUMN_REAL:
      return "REAL";
    case ORGSYNC_COLUMN_TEXT:
    case ORGSYNC_COLUMN_DATETIME:
    default:
      return "TEXT";
    }
}

static OrgsyncColumnType
column_type_of (const char *field_type)
{
  return orgsync_field_type_get_column_type (orgsync_field_type_from_string (field_type));
}

static void
add_stats (OrgsyncPageStats       *to,
           const OrgsyncPageStats *stats)
{
  to->added += stats->added;
  to->updated += stats->updated;
  to->deleted += stats->deleted;
  to->skipped += stats->skipped;
  to->unchanged += stats->unchanged;
}

static gboolean commit_group (OrgsyncRecordsStore  *self,
                              OrgsyncPageStats     *stats,
                              GError              **error);

/* Anything else that writes first commits the pages of an open group; their figures
 * go to whoever commits pages next. */
static gboolean
settle_group (OrgsyncRecordsStore  *self,
              GError              **error)
{
  return commit_group (self, &self->carried_stats, error);
}

static gboolean
begin (OrgsyncRecordsStore  *self,
       GError              **error)
{
  return settle_group (self, error) && _orgsync_sqlite_exec (self->db, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (OrgsyncRecordsStore  *self,
        GError              **error)
{
  if (_orgsync_sqlite_exec (self->db, "COMMIT", error))
    return TRUE;

  _orgsync_sqlite_rollback (self->db);
  return FALSE;
}

static gboolean
fail (OrgsyncRecordsStore *self)
{
  _orgsync_sqlite_rollback (self->db);
  return FALSE;
}

static gboolean
exec_printf (OrgsyncRecordsStore  *self,
             GError              **error,
             const char           *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
exec_printf (OrgsyncRecordsStore  *self,
             GError              **error,
             const char           *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return _orgsync_sqlite_exec (self->db, sql, error);
}

static gboolean
run_bound (OrgsyncRecordsStore  *self,
           GError              **error,
           const char           *sql,
           const char           *first,
           ...) G_GNUC_NULL_TERMINATED;

/* Runs @sql with the NULL-terminated text arguments bound to ?1, ?2, … */
static gboolean
run_bound (OrgsyncRecordsStore  *self,
           GError              **error,
           const char           *sql,
           const char           *first,
           ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *arg = first;
  va_list args;
  int index = 1;

  if (!settle_group (self, error) || !(stmt = _orgsync_sqlite_prepare (self->db, sql, error)))
    return FALSE;

  va_start (args, first);
  for (; arg != NULL; arg = va_arg (args, const char *))
    sqlite3_bind_text (stmt, index++, arg, -1, SQLITE_TRANSIENT);
  va_end (args);

  return _orgsync_sqlite_step_done (self->db, stmt, error);
}

static gboolean
validate_columns (const char               *object,
                  const OrgsyncColumnSpec  *columns,
                  guint                     n_columns,
                  GError                  **error)
{
  gboolean has_id = FALSE;

  if (!orgsync_api_name_validate (object, error))
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    {
      if (!orgsync_api_name_validate (columns[i].name, error))
        return FALSE;

      if (strcmp (columns[i].name, "Id") == 0)
        has_id = TRUE;

      for (guint j = 0; j < i; j++)
        {
          if (g_ascii_strcasecmp (columns[i].name, columns[j].name) == 0)
            {
              g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER,
                           _("The field “%s” of “%s” is listed twice."), columns[i].name, object);
              return FALSE;
            }
        }
    }

  if (!has_id)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER,
                   _("The fields of “%s” must include Id."), object);
      return FALSE;
    }

  return TRUE;
}

/* g_ptr_array_sort_values() needs GLib 2.76. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
compute_signature (const OrgsyncColumnSpec *columns,
                   guint                    n_columns)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *lower = g_ascii_strdown (columns[i].name, -1);

      g_ptr_array_add (lines, g_strdup_printf ("%s:%s", lower,
                                               orgsync_field_type_to_string (columns[i].type)));
    }

  g_ptr_array_sort (lines, compare_strings);

  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (joined, g_ptr_array_index (lines, i));
      g_string_append_c (joined, '\n');
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined->str, joined->len);
}

typedef struct
{
  char *name;
  char *type;
} ExistingColumn;

static void
existing_column_clear (gpointer data)
{
  ExistingColumn *column = data;

  g_free (column->name);
  g_free (column->type);
}

/* The columns the bookkeeping knows for @object, or NULL when the object is new. */
static GArray *
read_existing_columns (OrgsyncRecordsStore  *self,
                       const char           *object,
                       gboolean             *known,
                       GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) existing = NULL;
  int rc;

  *known = FALSE;

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT c.name, c.type FROM _orgsync_object o"
                                  " LEFT JOIN _orgsync_column c ON c.object = o.object"
                                  " WHERE o.object = ? ORDER BY c.position",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, object, -1, SQLITE_STATIC);
  existing = g_array_new (FALSE, TRUE, sizeof (ExistingColumn));
  g_array_set_clear_func (existing, existing_column_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExistingColumn column;

      *known = TRUE;
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        continue;

      column.name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      column.type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_array_append_val (existing, column);
    }

  if (rc != SQLITE_DONE)
    {
      _orgsync_sqlite_set_error (self->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&existing);
}

static const OrgsyncColumnSpec *
find_spec (const OrgsyncColumnSpec *columns,
           guint                    n_columns,
           const char              *name)
{
  for (guint i = 0; i < n_columns; i++)
    {
      if (g_ascii_strcasecmp (columns[i].name, name) == 0)
        return &columns[i];
    }

  return NULL;
}

static const ExistingColumn *
find_existing (GArray     *existing,
               const char *name)
{
  for (guint i = 0; i < existing->len; i++)
    {
      const ExistingColumn *column = &g_array_index (existing, ExistingColumn, i);

      if (g_ascii_strcasecmp (column->name, name) == 0)
        return column;
    }

  return NULL;
}

static gboolean
table_has_rows (OrgsyncRecordsStore *self,
                const char          *quoted_table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", quoted_table);
  g_autoptr(sqlite3_stmt) stmt = _orgsync_sqlite_prepare (self->db, sql, NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
create_table (OrgsyncRecordsStore      *self,
              const char               *quoted_table,
              const OrgsyncColumnSpec  *columns,
              guint                     n_columns,
              GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TABLE ");

  g_string_append_printf (sql, "%s (\"Id\" TEXT PRIMARY KEY NOT NULL", quoted_table);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *quoted = NULL;

      if (strcmp (columns[i].name, "Id") == 0)
        continue;

      quoted = orgsync_sql_quote_identifier (columns[i].name);
      g_string_append_printf (sql, ", %s %s", quoted,
                              column_decl_type (orgsync_field_type_get_column_type (columns[i].type)));
    }
  g_string_append (sql, ")");

  return _orgsync_sqlite_exec (self->db, sql->str, error);
}

static gboolean
drop_column (OrgsyncRecordsStore  *self,
             const char           *object,
             const char           *quoted_table,
             const char           *name,
             GError              **error)
{
  g_autofree char *quoted = orgsync_sql_quote_identifier (name);

  return exec_printf (self, error, "ALTER TABLE %s DROP COLUMN %s", quoted_table, quoted) &&
         run_bound (self, error, "DELETE FROM _orgsync_column WHERE object = ?1 AND name = ?2",
                    object, name, NULL) &&
         run_bound (self, error, "DELETE FROM _orgsync_backfill WHERE object = ?1 AND field = ?2",
                    object, name, NULL);
}

static gboolean
add_column (OrgsyncRecordsStore      *self,
            const char               *object,
            const char               *quoted_table,
            const OrgsyncColumnSpec  *column,
            gboolean                  needs_backfill,
            GPtrArray                *added_columns,
            GError                  **error)
{
  g_autofree char *quoted = orgsync_sql_quote_identifier (column->name);
  OrgsyncColumnType type = orgsync_field_type_get_column_type (column->type);

  if (!exec_printf (self, error, "ALTER TABLE %s ADD COLUMN %s %s",
                    quoted_table, quoted, column_decl_type (type)))
    return FALSE;

  if (needs_backfill)
    {
      if (!run_bound (self, error,
                      "INSERT OR REPLACE INTO _orgsync_backfill (object, field) VALUES (?1, ?2)",
                      object, column->name, NULL))
        return FALSE;
      if (added_columns != NULL)
        g_ptr_array_add (added_columns, g_strdup (column->name));
    }

  return TRUE;
}

/* Brings an existing table to the wanted columns: drops the unwanted ones, adds the
 * new ones (and notes their backfill), replaces a column whose storage class changed. */
static gboolean
alter_table (OrgsyncRecordsStore      *self,
             const char               *object,
             const char               *quoted_table,
             GArray                   *existing,
             const OrgsyncColumnSpec  *columns,
             guint                     n_columns,
             GPtrArray                *added_columns,
             GError                  **error)
{
  gboolean has_rows = table_has_rows (self, quoted_table);

  for (guint i = 0; i < existing->len; i++)
    {
      const ExistingColumn *column = &g_array_index (existing, ExistingColumn, i);
      const OrgsyncColumnSpec *spec = find_spec (columns, n_columns, column->name);
      gboolean type_changed = spec != NULL &&
                              column_type_of (column->type) != orgsync_field_type_get_column_type (spec->type);

      if (g_ascii_strcasecmp (column->name, "Id") == 0)
        continue;

      if ((spec == NULL || type_changed) &&
          !drop_column (self, object, quoted_table, column->name, error))
        return FALSE;
    }

  for (guint i = 0; i < n_columns; i++)
    {
      const ExistingColumn *column = find_existing (existing, columns[i].name);
      gboolean type_changed = column != NULL &&
                              column_type_of (column->type) != orgsync_field_type_get_column_type (columns[i].type);

      if (strcmp (columns[i].name, "Id") == 0)
        continue;

      if ((column == NULL || type_changed) &&
          !add_column (self, object, quoted_table, &columns[i], has_rows, added_columns, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_column_bookkeeping (OrgsyncRecordsStore      *self,
                          const char               *object,
                          const OrgsyncColumnSpec  *columns,
                          guint                     n_columns,
                          GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!run_bound (self, error, "DELETE FROM _orgsync_column WHERE object = ?1", object, NULL))
    return FALSE;

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "INSERT INTO _orgsync_column (object, name, type, position)"
                                  " VALUES (?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, object, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_columns; i++)
    {
      sqlite3_bind_text (stmt, 2, columns[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, orgsync_field_type_to_string (columns[i].type), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, i);
      if (!_orgsync_sqlite_step_done (self->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_object_bookkeeping (OrgsyncRecordsStore      *self,
                          const char               *object,
                          const OrgsyncColumnSpec  *columns,
                          guint                     n_columns,
                          GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *signature = compute_signature (columns, n_columns);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "INSERT INTO _orgsync_object (object, field_signature, updated_at)"
                                  " VALUES (?1, ?2, ?3)"
                                  " ON CONFLICT (object) DO UPDATE SET field_signature = ?2, updated_at = ?3",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, object, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, signature, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  return _orgsync_sqlite_step_done (self->db, stmt, error);
}

static gboolean
ensure_bookkeeping (OrgsyncRecordsStore  *self,
                    GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version = 0;

  if (!(stmt = _orgsync_sqlite_prepare (self->db, "PRAGMA user_version", error)))
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  if (version > RECORDS_SCHEMA_VERSION)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE_TOO_NEW,
                   _("The synced data in “%s” was written by a newer version of Org Sync. "
                     "Update Org Sync."), self->path);
      return FALSE;
    }

  if (version == RECORDS_SCHEMA_VERSION)
    return TRUE;

  return begin (self, error) &&
         ((version >= 1 || _orgsync_sqlite_exec (self->db, bookkeeping_sql, error)) &&
          _orgsync_sqlite_exec (self->db, bookkeeping_v2_sql, error) &&
          _orgsync_sqlite_exec (self->db, "PRAGMA user_version = 2", error)
            ? commit (self, error)
            : fail (self));
}

/*
 * GObject
 */

static void
orgsync_records_store_finalize (GObject *object)
{
  OrgsyncRecordsStore *self = (OrgsyncRecordsStore *)object;
  g_autoptr(GError) error = NULL;

  /* Pages and their checkpoints agree: keep them rather than fetch them again. */
  if (self->db != NULL && !commit_group (self, NULL, &error))
    g_warning ("Could not commit the last pages: %s", error->message);

  g_clear_pointer (&self->writers, g_hash_table_unref);
  g_clear_pointer (&self->reconciling, g_free);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (orgsync_records_store_parent_class)->finalize (object);
}

static void
orgsync_records_store_class_init (OrgsyncRecordsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_records_store_finalize;
}

static void
orgsync_records_store_init (OrgsyncRecordsStore *self)
{
  self->writers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) page_writer_free);
}

/*
 * Private API
 */

void
_orgsync_records_store_set_failpoint (OrgsyncRecordsStore     *self,
                                      OrgsyncRecordsFailpoint  failpoint)
{
  self->failpoint = failpoint;
}

sqlite3 *
_orgsync_records_store_get_handle (OrgsyncRecordsStore *self)
{
  return self->db;
}

/*
 * Public API
 */

/**
 * orgsync_records_store_open:
 * @path: the records.db file (orgsync_paths_dup_records_path()); its folder must exist
 *
 * Opens a connection's records.db on the calling thread (see the threading rule at the
 * top of this file).
 */
/* ORGSYNC_RECORDS_MAX_PAGES: a records.db that cannot grow past that many pages, as
 * on a full disk (SQLite's max_page_count; for tests of the disk-full path). */
static gboolean
limit_pages (OrgsyncRecordsStore  *self,
             GError              **error)
{
  const char *env = g_getenv ("ORGSYNC_RECORDS_MAX_PAGES");
  g_autofree char *pragma = NULL;
  guint64 pages;

  if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT32, &pages, NULL))
    return TRUE;

  pragma = g_strdup_printf ("PRAGMA max_page_count = %" G_GUINT64_FORMAT, pages);
  return _orgsync_sqlite_exec (self->db, pragma, error);
}

OrgsyncRecordsStore *
orgsync_records_store_open (const char  *path,
                            GError     **error)
{
  g_autoptr(OrgsyncRecordsStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ORGSYNC_TYPE_RECORDS_STORE, NULL);
  self->path = g_strdup (path);

  if (!(self->db = _orgsync_sqlite_open (path, error)))
    return NULL;

  if (!ensure_bookkeeping (self, error) || !limit_pages (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
orgsync_records_store_get_path (OrgsyncRecordsStore *self)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), NULL);

  return self->path;
}

/**
 * orgsync_records_store_sync_schema:
 * @object: the object's API name
 * @columns: (array length=n_columns): the selected fields, Id included
 * @added_columns: (nullable) (element-type utf8): where to add the names of new
 *   columns of a table that already has rows: each needs a narrow backfill, which
 *   orgsync_records_store_list_backfills() also lists until a backfill page completes
 *
 * Creates the object's table, or brings it to exactly @columns in one transaction:
 * new fields become new columns, fields no longer selected are dropped, a field whose
 * storage class changed is replaced. Identifiers that are not Salesforce API names are
 * refused before any SQL runs.
 */
gboolean
orgsync_records_store_sync_schema (OrgsyncRecordsStore      *self,
                                   const char               *object,
                                   const OrgsyncColumnSpec  *columns,
                                   guint                     n_columns,
                                   GPtrArray                *added_columns,
                                   GError                  **error)
{
  g_autofree char *quoted_table = NULL;
  g_autoptr(GArray) existing = NULL;
  gboolean known;
  gboolean ok;

  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);

  if (!validate_columns (object, columns, n_columns, error))
    return FALSE;

  quoted_table = orgsync_sql_quote_identifier (object);

  if (!begin (self, error))
    return FALSE;

  if (!(existing = read_existing_columns (self, object, &known, error)))
    return fail (self);

  if (!known)
    ok = create_table (self, quoted_table, columns, n_columns, error);
  else
    ok = alter_table (self, object, quoted_table, existing, columns, n_columns, added_columns, error);

  ok = ok &&
       write_column_bookkeeping (self, object, columns, n_columns, error) &&
       write_object_bookkeeping (self, object, columns, n_columns, error);

  if (!ok)
    return fail (self);

  invalidate_writers (self, object);

  return commit (self, error);
}

/* Drops the object's table and bookkeeping: the object is no longer synced. */
gboolean
orgsync_records_store_drop_object (OrgsyncRecordsStore  *self,
                                   const char           *object,
                                   GError              **error)
{
  g_autofree char *quoted_table = NULL;
  gboolean ok;

  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);

  if (!orgsync_api_name_validate (object, error))
    return FALSE;

  quoted_table = orgsync_sql_quote_identifier (object);
  invalidate_writers (self, object);

  if (!begin (self, error))
    return FALSE;

  ok = exec_printf (self, error, "DROP TABLE IF EXISTS %s", quoted_table) &&
       run_bound (self, error, "DELETE FROM _orgsync_object WHERE object = ?1", object, NULL) &&
       run_bound (self, error, "DELETE FROM _orgsync_column WHERE object = ?1", object, NULL) &&
       run_bound (self, error, "DELETE FROM _orgsync_backfill WHERE object = ?1", object, NULL);

  return ok ? commit (self, error) : fail (self);
}

static char **
collect_strings (OrgsyncRecordsStore  *self,
                 const char           *sql,
                 const char           *arg,
                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (!(stmt = _orgsync_sqlite_prepare (self->db, sql, error)))
    return NULL;

  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _orgsync_sqlite_set_error (self->db, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/**
 * orgsync_records_store_list_objects:
 *
 * Returns: (transfer full): the API names of the objects that have a table
 */
char **
orgsync_records_store_list_objects (OrgsyncRecordsStore  *self,
                                    GError              **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), NULL);

  return collect_strings (self, "SELECT object FROM _orgsync_object ORDER BY object", NULL, error);
}

/**
 * orgsync_records_store_list_columns:
 *
 * Returns: (transfer full): the object's columns in the order of the last
 *   orgsync_records_store_sync_schema(), empty when the object has no table
 */
char **
orgsync_records_store_list_columns (OrgsyncRecordsStore  *self,
                                    const char           *object,
                                    GError              **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), NULL);

  return collect_strings (self, "SELECT name FROM _orgsync_column WHERE object = ? ORDER BY position",
                          object, error);
}

/**
 * orgsync_records_store_list_backfills:
 *
 * Returns: (transfer full): the columns still waiting for their narrow backfill
 */
char **
orgsync_records_store_list_backfills (OrgsyncRecordsStore  *self,
                                      const char           *object,
                                      GError              **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), NULL);

  return collect_strings (self, "SELECT field FROM _orgsync_backfill WHERE object = ? ORDER BY field",
                          object, error);
}

/**
 * orgsync_records_store_get_object_state:
 *
 * Returns: (transfer full) (nullable): the object's checkpoint, or %NULL (without an
 *   error) when the object has no table
 */
OrgsyncObjectState *
orgsync_records_store_get_object_state (OrgsyncRecordsStore  *self,
                                        const char           *object,
                                        GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  OrgsyncObjectState *state;
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), NULL);

  stmt = _orgsync_sqlite_prepare (self->db,
                                  "SELECT object, field_signature, high_water_mark, full_sync_position,"
                                  " full_sync_complete, updated_at, deletes_covered, reconcile_needed"
                                  " FROM _orgsync_object WHERE object = ?",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, object, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _orgsync_sqlite_set_error (self->db, rc, error);
      return NULL;
    }

  state = g_new0 (OrgsyncObjectState, 1);
  state->object = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  state->field_signature = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  state->high_water_mark = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  state->full_sync_position = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  state->full_sync_complete = sqlite3_column_int (stmt, 4);
  state->updated_at = sqlite3_column_int64 (stmt, 5);
  state->deletes_covered = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  state->reconcile_needed = sqlite3_column_int (stmt, 7);

  return state;
}

void
orgsync_object_state_free (OrgsyncObjectState *state)
{
  if (state == NULL)
    return;

  g_free (state->object);
  g_free (state->field_signature);
  g_free (state->high_water_mark);
  g_free (state->full_sync_position);
  g_free (state->deletes_covered);
  g_free (state);
}

/* Forgets the high-water mark and full-sync progress (a --full run); rows stay until
 * the new full sync overwrites them. */
gboolean
orgsync_records_store_reset_object (OrgsyncRecordsStore  *self,
                                    const char           *object,
                                    GError              **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);

  return run_bound (self, error,
                    "UPDATE _orgsync_object SET high_water_mark = NULL, full_sync_position = NULL,"
                    " full_sync_complete = 0 WHERE object = ?1",
                    object, NULL);
}

/* Deletion history was lost (getDeleted's window was missed, or a --full run): the
 * next run lists the Ids Salesforce still has and deletes the others. Cleared when a
 * reconciliation finished. */
gboolean
orgsync_records_store_set_reconcile_needed (OrgsyncRecordsStore  *self,
                                            const char           *object,
                                            gboolean              needed,
                                            GError              **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);

  return run_bound (self, error,
                    needed ? "UPDATE _orgsync_object SET reconcile_needed = 1 WHERE object = ?1"
                           : "UPDATE _orgsync_object SET reconcile_needed = 0 WHERE object = ?1",
                    object, NULL);
}

/* The number of rows in the object's table, -1 on error (0 when it has none). */
gint64
orgsync_records_store_count_rows (OrgsyncRecordsStore  *self,
                                  const char           *object,
                                  GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), -1);

  if (!orgsync_api_name_validate (object, error))
    return -1;

  quoted = orgsync_sql_quote_identifier (object);
  sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
  if (!(stmt = _orgsync_sqlite_prepare (self->db, sql, error)))
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _orgsync_sqlite_set_error (self->db, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/*
 * Writers
 */

static char *
build_row_sql (OrgsyncPageWriter *writer,
               const char        *quoted_table)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *quoted_id = orgsync_sql_quote_identifier ("Id");
  gboolean first = TRUE;

  if (writer->mode == ORGSYNC_WRITE_UPDATE_ONLY)
    {
      g_string_append_printf (sql, "UPDATE %s SET ", quoted_table);
      for (guint i = 0; i < writer->n_columns; i++)
        {
          g_autofree char *quoted = NULL;

          if (i == writer->id_column)
            continue;
          quoted = orgsync_sql_quote_identifier (writer->columns[i]);
          g_string_append_printf (sql, "%s%s = ?%u", first ? "" : ", ", quoted, i + 1);
          first = FALSE;
        }
      g_string_append_printf (sql, " WHERE %s = ?%u", quoted_id, writer->id_column + 1);
      return g_string_free (g_steal_pointer (&sql), FALSE);
    }

  g_string_append_printf (sql, "INSERT INTO %s (", quoted_table);
  for (guint i = 0; i < writer->n_columns; i++)
    {
      g_autofree char *quoted = orgsync_sql_quote_identifier (writer->columns[i]);

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", quoted);
    }
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < writer->n_columns; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append_printf (sql, ") ON CONFLICT (%s) DO ", quoted_id);

  if (writer->n_columns == 1)
    g_string_append (sql, "NOTHING");
  else
    {
      g_string_append (sql, "UPDATE SET ");
      for (guint i = 0; i < writer->n_columns; i++)
        {
          g_autofree char *quoted = NULL;

          if (i == writer->id_column)
            continue;
          quoted = orgsync_sql_quote_identifier (writer->columns[i]);
          g_string_append_printf (sql, "%s%s = excluded.%s", first ? "" : ", ", quoted, quoted);
          first = FALSE;
        }

      /* A row fetched again unchanged (the incremental lookback) is left alone, so
       * that it neither counts as updated nor rewrites its page. */
      first = TRUE;
      g_string_append (sql, " WHERE ");
      for (guint i = 0; i < writer->n_columns; i++)
        {
          g_autofree char *quoted = NULL;

          if (i == writer->id_column)
            continue;
          quoted = orgsync_sql_quote_identifier (writer->columns[i]);
          g_string_append_printf (sql, "%s%s IS NOT excluded.%s", first ? "" : " OR ", quoted, quoted);
          first = FALSE;
        }
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
resolve_column_types (OrgsyncRecordsStore  *self,
                      OrgsyncPageWriter    *writer,
                      GError              **error)
{
  g_autoptr(GArray) existing = NULL;
  gboolean known;

  if (!(existing = read_existing_columns (self, writer->object, &known, error)))
    return FALSE;

  if (!known)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NOT_FOUND,
                   _("“%s” has no table in the synced data yet."), writer->object);
      return FALSE;
    }

  for (guint i = 0; i < writer->n_columns; i++)
    {
      const ExistingColumn *column = find_existing (existing, writer->columns[i]);

      if (column == NULL)
        {
          g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NOT_FOUND,
                       _("“%s” has no column “%s” in the synced data."),
                       writer->object, writer->columns[i]);
          return FALSE;
        }

      writer->types[i] = column_type_of (column->type);
      if (strcmp (writer->columns[i], "Id") == 0)
        writer->id_column = i;
    }

  return TRUE;
}

static gboolean
prepare_statements (OrgsyncRecordsStore  *self,
                    OrgsyncPageWriter    *writer,
                    GError              **error)
{
  g_autofree char *quoted_table = orgsync_sql_quote_identifier (writer->object);
  g_autofree char *row_sql = build_row_sql (writer, quoted_table);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s WHERE \"Id\" = ?1", quoted_table);

  writer->row_stmt = _orgsync_sqlite_prepare (self->db, row_sql, error);
  if (writer->row_stmt == NULL)
    return FALSE;

  writer->delete_stmt = _orgsync_sqlite_prepare (self->db, delete_sql, error);
  if (writer->delete_stmt == NULL)
    return FALSE;

  if (writer->mode == ORGSYNC_WRITE_UPSERT)
    {
      writer->checkpoint_stmt =
        _orgsync_sqlite_prepare (self->db,
                                 "UPDATE _orgsync_object SET"
                                 " high_water_mark = coalesce(?1, high_water_mark),"
                                 " full_sync_position = ?2,"
                                 " full_sync_complete = (full_sync_complete OR ?3),"
                                 " updated_at = ?4,"
                                 " deletes_covered = coalesce(?6, deletes_covered)"
                                 " WHERE object = ?5",
                                 error);
      return writer->checkpoint_stmt != NULL;
    }

  writer->backfill_position =
    _orgsync_sqlite_prepare (self->db,
                             "UPDATE _orgsync_backfill SET position = ?1 WHERE object = ?2 AND field = ?3",
                             error);
  writer->backfill_done =
    _orgsync_sqlite_prepare (self->db,
                             "DELETE FROM _orgsync_backfill WHERE object = ?1 AND field = ?2",
                             error);

  return writer->backfill_position != NULL && writer->backfill_done != NULL;
}

static char *
writer_key (const char         *object,
            const char * const *columns,
            guint               n_columns,
            OrgsyncWriteMode    mode)
{
  GString *key = g_string_new (object);

  g_string_append_printf (key, "|%d", mode);
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (key, "|%s", columns[i]);

  return g_string_free (key, FALSE);
}

/**
 * orgsync_records_store_prepare_writer:
 * @columns: (array length=n_columns): the columns of each row, in order; must
 *   include "Id" and exist in the table
 *
 * Returns the writer for pages of @object with these columns. Its statements are
 * prepared once and cached: ask for the writer once per object and run, and use it
 * for every page. It stays valid until the object's schema changes or is dropped.
 *
 * Returns: (transfer none): the writer, or %NULL on error
 */
OrgsyncPageWriter *
orgsync_records_store_prepare_writer (OrgsyncRecordsStore  *self,
                                      const char           *object,
                                      const char * const   *columns,
                                      guint                 n_columns,
                                      OrgsyncWriteMode      mode,
                                      GError              **error)
{
  g_autofree char *key = NULL;
  OrgsyncPageWriter *writer;

  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), NULL);
  g_return_val_if_fail (columns != NULL && n_columns > 0, NULL);

  key = writer_key (object, columns, n_columns, mode);
  writer = g_hash_table_lookup (self->writers, key);
  if (writer != NULL)
    return writer;

  if (!orgsync_api_name_validate (object, error))
    return NULL;
  for (guint i = 0; i < n_columns; i++)
    {
      if (!orgsync_api_name_validate (columns[i], error))
        return NULL;
    }
  writer = g_new0 (OrgsyncPageWriter, 1);
  writer->object = g_strdup (object);
  writer->mode = mode;
  writer->n_columns = n_columns;
  writer->id_column = G_MAXUINT;
  writer->columns = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    writer->columns[i] = g_strdup (columns[i]);
  writer->types = g_new0 (OrgsyncColumnType, n_columns);
  writer->scratch = g_malloc0 (n_columns * sizeof *writer->scratch);

  if (!resolve_column_types (self, writer, error))
    {
      page_writer_free (writer);
      return NULL;
    }

  if (writer->id_column == G_MAXUINT)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER,
                   _("The fields of “%s” must include Id."), object);
      page_writer_free (writer);
      return NULL;
    }

  if (!prepare_statements (self, writer, error))
    {
      page_writer_free (writer);
      return NULL;
    }

  g_hash_table_insert (self->writers, g_steal_pointer (&key), writer);

  return writer;
}

/* Binds one text cell by the column's storage (design.md §8). An empty text is NULL:
 * Bulk CSV cannot tell the two apart, and Salesforce keeps no empty strings. Text is
 * bound without copying; the caller keeps it alive until the page is written. */
static inline void
bind_text_cell (OrgsyncPageWriter *writer,
                guint              column,
                const char        *text,
                int                length)
{
  sqlite3_stmt *stmt = writer->row_stmt;
  int index = column + 1;

  if (text == NULL || length == 0 || (length < 0 && text[0] == '\0'))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  switch (writer->types[column])
    {
    case ORGSYNC_COLUMN_BOOLEAN:
      {
        int b = orgsync_value_parse_boolean (text, length);

        if (b >= 0)
          sqlite3_bind_int (stmt, index, b);
        else
          sqlite3_bind_text (stmt, index, text, length, SQLITE_STATIC);
      }
      break;

    case ORGSYNC_COLUMN_DATETIME:
      if (orgsync_value_normalize_datetime (text, length, writer->scratch[column]))
        sqlite3_bind_text (stmt, index, writer->scratch[column], 24, SQLITE_STATIC);
      else
        sqlite3_bind_text (stmt, index, text, length, SQLITE_STATIC);
      break;

    case ORGSYNC_COLUMN_TEXT:
    case ORGSYNC_COLUMN_INTEGER:
    case ORGSYNC_COLUMN_REAL:
    default:
      /* INTEGER and REAL columns convert numeric text themselves (column affinity). */
      sqlite3_bind_text (stmt, index, text, length, SQLITE_STATIC);
      break;
    }
}

static inline void
bind_value (OrgsyncPageWriter  *writer,
            guint               column,
            const OrgsyncValue *value)
{
  sqlite3_stmt *stmt = writer->row_stmt;
  OrgsyncColumnType type = writer->types[column];
  int index = column + 1;

  switch (value->kind)
    {
    case ORGSYNC_VALUE_TEXT:
      bind_text_cell (writer, column, value->v.text, value->length);
      break;
    case ORGSYNC_VALUE_INTEGER:
      if (type == ORGSYNC_COLUMN_BOOLEAN)
        sqlite3_bind_int (stmt, index, value->v.integer != 0);
      else
        sqlite3_bind_int64 (stmt, index, value->v.integer);
      break;
    case ORGSYNC_VALUE_REAL:
      sqlite3_bind_double (stmt, index, value->v.real);
      break;
    case ORGSYNC_VALUE_BOOLEAN:
      if (type == ORGSYNC_COLUMN_TEXT || type == ORGSYNC_COLUMN_DATETIME)
        sqlite3_bind_text (stmt, index, value->v.boolean ? "true" : "false", -1, SQLITE_STATIC);
      else
        sqlite3_bind_int (stmt, index, value->v.boolean ? 1 : 0);
      break;
    case ORGSYNC_VALUE_NULL:
    default:
      sqlite3_bind_null (stmt, index);
      break;
    }
}

typedef void (*BindRowFunc) (OrgsyncPageWriter *writer,
                             gconstpointer      data,
                             guint              row);

static void
bind_value_row (OrgsyncPageWriter *writer,
                gconstpointer      data,
                guint              row)
{
  const OrgsyncValue *values = (const OrgsyncValue *) data + (gsize) row * writer->n_columns;

  for (guint i = 0; i < writer->n_columns; i++)
    bind_value (writer, i, &values[i]);
}

static void
bind_text_row (OrgsyncPageWriter *writer,
               gconstpointer      data,
               guint              row)
{
  const char * const *cells = (const char * const *) data + (gsize) row * writer->n_columns;

  for (guint i = 0; i < writer->n_columns; i++)
    bind_text_cell (writer, i, cells[i], -1);
}

static gboolean
check_failpoint (OrgsyncRecordsStore      *self,
                 OrgsyncRecordsFailpoint   point,
                 GError                  **error)
{
  if (self->failpoint != point)
    return TRUE;

  self->failpoint = ORGSYNC_RECORDS_FAILPOINT_NONE;
  g_set_error_literal (error, ORGSYNC_ERROR, ORGSYNC_ERROR_DATABASE, "Injected failure (test)");

  return FALSE;
}

static gboolean
write_rows (OrgsyncRecordsStore  *self,
            OrgsyncPageWriter    *writer,
            BindRowFunc           bind_row,
            gconstpointer         data,
            guint                 n_rows,
            OrgsyncPageStats     *stats,
            GError              **error)
{
  for (guint row = 0; row < n_rows; row++)
    {
      int rc;

      bind_row (writer, data, row);

      /* An upsert that inserted sets the last rowid; one that updated leaves it. */
      sqlite3_set_last_insert_rowid (self->db, 0);
      rc = sqlite3_step (writer->row_stmt);
      sqlite3_reset (writer->row_stmt);

      if (rc != SQLITE_DONE)
        return _orgsync_sqlite_set_error (self->db, rc, error);

      if (writer->mode == ORGSYNC_WRITE_UPDATE_ONLY)
        {
          if (sqlite3_changes (self->db) > 0)
            stats->updated++;
          else
            stats->skipped++;
        }
      else if (sqlite3_last_insert_rowid (self->db) != 0)
        stats->added++;
      else if (sqlite3_changes (self->db) > 0)
        stats->updated++;
      else
        stats->unchanged++;
    }

  return TRUE;
}

static gboolean
delete_rows (OrgsyncRecordsStore  *self,
             OrgsyncPageWriter    *writer,
             const char * const   *ids,
             guint                 n_ids,
             OrgsyncPageStats     *stats,
             GError              **error)
{
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_text (writer->delete_stmt, 1, ids[i], -1, SQLITE_STATIC);
      if (!_orgsync_sqlite_step_done (self->db, writer->delete_stmt, error))
        return FALSE;
      stats->deleted += sqlite3_changes (self->db);
    }

  return TRUE;
}

static gboolean
write_checkpoint (OrgsyncRecordsStore      *self,
                  OrgsyncPageWriter        *writer,
                  const OrgsyncCheckpoint  *checkpoint,
                  GError                  **error)
{
  if (checkpoint == NULL)
    return TRUE;

  if (writer->mode == ORGSYNC_WRITE_UPSERT)
    {
      sqlite3_stmt *stmt = writer->checkpoint_stmt;

      _orgsync_sqlite_bind_text (stmt, 1, checkpoint->high_water_mark);
      _orgsync_sqlite_bind_text (stmt, 2, checkpoint->position);
      sqlite3_bind_int (stmt, 3, !!checkpoint->complete);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      sqlite3_bind_text (stmt, 5, writer->object, -1, SQLITE_STATIC);
      _orgsync_sqlite_bind_text (stmt, 6, checkpoint->deletes_covered);

      return _orgsync_sqlite_step_done (self->db, stmt, error);
    }

  for (guint i = 0; i < writer->n_columns; i++)
    {
      sqlite3_stmt *stmt = checkpoint->complete ? writer->backfill_done : writer->backfill_position;
      int base = checkpoint->complete ? 1 : 2;

      if (i == writer->id_column)
        continue;

      if (!checkpoint->complete)
        _orgsync_sqlite_bind_text (stmt, 1, checkpoint->position);
      sqlite3_bind_text (stmt, base, writer->object, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, base + 1, writer->columns[i], -1, SQLITE_STATIC);
      if (!_orgsync_sqlite_step_done (self->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Commits the open group, if any, and adds what its pages did to @stats. */
static gboolean
commit_group (OrgsyncRecordsStore  *self,
              OrgsyncPageStats     *stats,
              GError              **error)
{
  OrgsyncPageStats group = self->group_stats;

  if (!self->group_open)
    return TRUE;

  self->group_open = FALSE;
  self->group_written = 0;
  memset (&self->group_stats, 0, sizeof self->group_stats);
  if (!commit (self, error))
    return FALSE;

  if (stats != NULL)
    {
      add_stats (stats, &group);
      if (stats != &self->carried_stats)
        {
          add_stats (stats, &self->carried_stats);
          memset (&self->carried_stats, 0, sizeof self->carried_stats);
        }
    }

  return TRUE;
}

/* A page failed: the pages of its group go with it, checkpoints included, so that
 * the data and the checkpoint still agree. */
static void
abandon_group (OrgsyncRecordsStore *self)
{
  self->group_open = FALSE;
  self->group_written = 0;
  memset (&self->group_stats, 0, sizeof self->group_stats);
  fail (self);
}

static gboolean
write_page (OrgsyncRecordsStore      *self,
            OrgsyncPageWriter        *writer,
            BindRowFunc               bind_row,
            gconstpointer             data,
            guint                     n_rows,
            const char * const       *deleted_ids,
            guint                     n_deleted,
            const OrgsyncCheckpoint  *checkpoint,
            OrgsyncPageStats         *stats,
            GError                  **error)
{
  OrgsyncPageStats local = { 0, };

  if (!self->group_open)
    {
      if (!begin (self, error))
        return FALSE;
      self->group_open = TRUE;
      self->group_began = g_get_monotonic_time ();
    }

  if (!write_rows (self, writer, bind_row, data, n_rows, &local, error) ||
      !check_failpoint (self, ORGSYNC_RECORDS_FAILPOINT_BEFORE_DELETES, error) ||
      !delete_rows (self, writer, deleted_ids, n_deleted, &local, error) ||
      !check_failpoint (self, ORGSYNC_RECORDS_FAILPOINT_BEFORE_CHECKPOINT, error) ||
      !write_checkpoint (self, writer, checkpoint, error) ||
      !check_failpoint (self, ORGSYNC_RECORDS_FAILPOINT_BEFORE_COMMIT, error))
    {
      abandon_group (self);
      return FALSE;
    }

  add_stats (&self->group_stats, &local);
  self->group_written += n_rows;
  if (self->group_rows > 0 && self->group_written < self->group_rows &&
      g_get_monotonic_time () - self->group_began < self->group_us)
    return TRUE;

  return commit_group (self, stats, error);
}

/**
 * orgsync_records_store_write_page:
 * @writer: from orgsync_records_store_prepare_writer()
 * @values: (array): @n_rows × the writer's columns, row after row
 * @deleted_ids: (array length=n_deleted) (nullable): Ids to delete in the same
 *   transaction
 * @checkpoint: (nullable): where this page moves the object's checkpoint
 * @stats: (out caller-allocates) (optional): adds what the page did
 *
 * Writes one page of records, its deletions and its checkpoint in ONE transaction:
 * after a crash at any instant either all of it is there or none of it, so the next
 * run resumes from the previous checkpoint and, upserting by Id, duplicates nothing.
 * On error (disk full included) nothing of the page is kept and the data written
 * before is intact.
 *
 * With orgsync_records_store_set_group_commit(), the transaction stays open for the
 * next pages until the group is full: @stats then receives what the pages did when
 * they commit, and an error loses the pages of the open group along with their
 * checkpoints (the data committed before is intact).
 */
gboolean
orgsync_records_store_write_page (OrgsyncRecordsStore      *self,
                                  OrgsyncPageWriter        *writer,
                                  const OrgsyncValue       *values,
                                  guint                     n_rows,
                                  const char * const       *deleted_ids,
                                  guint                     n_deleted,
                                  const OrgsyncCheckpoint  *checkpoint,
                                  OrgsyncPageStats         *stats,
                                  GError                  **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_rows == 0, FALSE);

  return write_page (self, writer, bind_value_row, values, n_rows,
                     deleted_ids, n_deleted, checkpoint, stats, error);
}

/**
 * orgsync_records_store_write_text_page:
 * @cells: (array): @n_rows × the writer's columns of NUL-terminated text (NULL or ""
 *   for null), as a CSV parser produces them
 *
 * Like orgsync_records_store_write_page() for all-text input (Bulk API CSV): booleans,
 * datetimes and numbers are converted by column.
 */
gboolean
orgsync_records_store_write_text_page (OrgsyncRecordsStore      *self,
                                       OrgsyncPageWriter        *writer,
                                       const char * const       *cells,
                                       guint                     n_rows,
                                       const char * const       *deleted_ids,
                                       guint                     n_deleted,
                                       const OrgsyncCheckpoint  *checkpoint,
                                       OrgsyncPageStats         *stats,
                                       GError                  **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_rows == 0, FALSE);

  return write_page (self, writer, bind_text_row, cells, n_rows,
                     deleted_ids, n_deleted, checkpoint, stats, error);
}

/**
 * orgsync_records_store_set_group_commit:
 * @rows: commit once the open transaction holds this many rows, or 0 to commit
 *   every page (the default)
 * @max_ms: …or once it has been open this long, whichever comes first
 *
 * Large transactions write the Id index's pages once rather than once per page, and
 * so insert several times faster; a page still commits with its checkpoint, so a
 * crash loses at most the open group, which the next run fetches again.
 */
void
orgsync_records_store_set_group_commit (OrgsyncRecordsStore *self,
                                        guint                rows,
                                        guint                max_ms)
{
  g_return_if_fail (ORGSYNC_IS_RECORDS_STORE (self));

  self->group_rows = rows;
  self->group_us = (gint64) max_ms * 1000;
}

/**
 * orgsync_records_store_set_cache_size:
 * @kib: SQLite's page cache of this connection, in KiB
 */
void
orgsync_records_store_set_cache_size (OrgsyncRecordsStore *self,
                                      guint                kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (ORGSYNC_IS_RECORDS_STORE (self));

  sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);
  if (!_orgsync_sqlite_exec (self->db, sql, NULL))
    g_debug ("Could not set the page cache of %s", self->path);
}

/**
 * orgsync_records_store_commit_pages:
 * @stats: (out caller-allocates) (optional): adds what the committed pages did
 *
 * Commits the pages of the open group now (nothing to do without one).
 */
gboolean
orgsync_records_store_commit_pages (OrgsyncRecordsStore  *self,
                                    OrgsyncPageStats     *stats,
                                    GError              **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);

  return commit_group (self, stats, error);
}

/*
 * Id reconciliation: when getDeleted's 15-day window was missed, the engine lists every
 * Id Salesforce still has and the rows with other Ids are deleted here.
 */

/**
 * orgsync_records_store_reconcile_begin:
 *
 * Starts collecting the Ids Salesforce still has for @object, in a temporary table of
 * this connection (nothing is written to records.db until the finish).
 */
gboolean
orgsync_records_store_reconcile_begin (OrgsyncRecordsStore  *self,
                                       const char           *object,
                                       GError              **error)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);
  g_return_val_if_fail (self->reconciling == NULL, FALSE);

  if (!orgsync_api_name_validate (object, error) || !settle_group (self, error))
    return FALSE;

  if (!_orgsync_sqlite_exec (self->db,
                             "CREATE TEMP TABLE IF NOT EXISTS _orgsync_remote_ids (Id TEXT PRIMARY KEY) WITHOUT ROWID;"
                             "DELETE FROM temp._orgsync_remote_ids;",
                             error))
    return FALSE;

  self->reconciling = g_strdup (object);

  return TRUE;
}

gboolean
orgsync_records_store_reconcile_add_ids (OrgsyncRecordsStore  *self,
                                         const char * const   *ids,
                                         guint                 n_ids,
                                         GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);
  g_return_val_if_fail (self->reconciling != NULL, FALSE);

  stmt = _orgsync_sqlite_prepare (self->db, "INSERT OR IGNORE INTO temp._orgsync_remote_ids VALUES (?)", error);
  if (stmt == NULL || !begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_STATIC);
      if (!_orgsync_sqlite_step_done (self->db, stmt, error))
        return fail (self);
    }

  return commit (self, error);
}

/**
 * orgsync_records_store_reconcile_finish:
 * @deleted: (out) (optional): how many local rows were deleted
 *
 * Deletes, in one transaction, the object's rows whose Id was not added.
 */
gboolean
orgsync_records_store_reconcile_finish (OrgsyncRecordsStore  *self,
                                        guint64              *deleted,
                                        GError              **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (ORGSYNC_IS_RECORDS_STORE (self), FALSE);
  g_return_val_if_fail (self->reconciling != NULL, FALSE);

  quoted = orgsync_sql_quote_identifier (self->reconciling);
  sql = g_strdup_printf ("DELETE FROM %s WHERE \"Id\" NOT IN (SELECT Id FROM temp._orgsync_remote_ids)", quoted);

  ok = begin (self, error) && (_orgsync_sqlite_exec (self->db, sql, error) ? TRUE : fail (self));
  if (ok && deleted != NULL)
    *deleted = sqlite3_changes (self->db);
  ok = ok && commit (self, error);

  orgsync_records_store_reconcile_abort (self);

  return ok;
}

/* Drops the collected Ids without deleting anything (cancel, or an error midway). */
void
orgsync_records_store_reconcile_abort (OrgsyncRecordsStore *self)
{
  g_return_if_fail (ORGSYNC_IS_RECORDS_STORE (self));

  g_clear_pointer (&self->reconciling, g_free);
  _orgsync_sqlite_exec (self->db, "DROP TABLE IF EXISTS temp._orgsync_remote_ids", NULL);
}
