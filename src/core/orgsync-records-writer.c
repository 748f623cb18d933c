/* orgsync-records-writer.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-records-writer.h"

/* The sync engine's writer thread. records.db allows one SQLite connection per thread
 * (orgsync-records-store.c), so one thread owns the store and runs every write in the
 * order it was asked for; the engine meanwhile fetches and parses the next page on
 * the main thread and sf's workers. Each call finishes on the caller's main context.
 *
 * The store is opened on the thread by the first call, and closed when the writer is
 * finalized, after the calls already queued have run. */

struct _OrgsyncRecordsWriter
{
  GObject              parent_instance;

  char                *path;
  GThread             *thread;
  GAsyncQueue         *queue;
  guint                pending;   /* main thread only */
};

G_DEFINE_FINAL_TYPE (OrgsyncRecordsWriter, orgsync_records_writer, G_TYPE_OBJECT)

typedef struct
{
  OrgsyncRecordsWriterFunc  func;
  gpointer                  data;
  GDestroyNotify            destroy;
  GTask                    *task;     /* NULL: the stop marker */
} Job;

static void
job_free (Job *job)
{
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

static gpointer
writer_thread (gpointer user_data)
{
  GAsyncQueue *queue = user_data;
  g_autoptr(OrgsyncRecordsStore) store = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autofree char *path = g_async_queue_pop (queue);

  store = orgsync_records_store_open (path, &open_error);

  for (;;)
    {
      Job *job = g_async_queue_pop (queue);
      GError *error = NULL;

      if (job->task == NULL)
        {
          job_free (job);
          break;
        }

      if (store == NULL)
        g_task_return_error (job->task, g_error_copy (open_error));
      else if (g_task_return_error_if_cancelled (job->task))
        ;
      else if (job->func (store, job->data, &error))
        g_task_return_boolean (job->task, TRUE);
      else
        g_task_return_error (job->task, error);

      job_free (job);
    }

  g_async_queue_unref (queue);
  return NULL;
}

static void
orgsync_records_writer_finalize (GObject *object)
{
  OrgsyncRecordsWriter *self = (OrgsyncRecordsWriter *)object;

  if (self->thread != NULL)
    {
      g_async_queue_push (self->queue, g_new0 (Job, 1));
      g_thread_join (self->thread);
    }
  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (orgsync_records_writer_parent_class)->finalize (object);
}

static void
orgsync_records_writer_class_init (OrgsyncRecordsWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_records_writer_finalize;
}

static void
orgsync_records_writer_init (OrgsyncRecordsWriter *self)
{
  self->queue = g_async_queue_new ();
}

/**
 * orgsync_records_writer_new:
 * @records_path: the connection's records.db; its folder must exist
 */
OrgsyncRecordsWriter *
orgsync_records_writer_new (const char *records_path)
{
  OrgsyncRecordsWriter *self;

  g_return_val_if_fail (records_path != NULL, NULL);

  self = g_object_new (ORGSYNC_TYPE_RECORDS_WRITER, NULL);
  self->path = g_strdup (records_path);
  g_async_queue_push (self->queue, g_strdup (records_path));
  self->thread = g_thread_new ("orgsync-writer", writer_thread, g_async_queue_ref (self->queue));

  return self;
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  OrgsyncRecordsWriter *self = g_task_get_source_object (outer);

  /* The inner task has no source object: its last reference may go on the writer
   * thread, which must never hold the last reference to the writer it runs. */
  GError *error = NULL;

  self->pending--;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

/**
 * orgsync_records_writer_call_async:
 * @func: what to run on the writer thread
 * @data: (transfer full): its argument, freed with @destroy on the writer thread
 *
 * Queues @func behind the calls already queued. Cancelling skips it if it has not
 * started; a write that started always completes (it is one transaction).
 */
void
orgsync_records_writer_call_async (OrgsyncRecordsWriter      *self,
                                   OrgsyncRecordsWriterFunc   func,
                                   gpointer                   data,
                                   GDestroyNotify             destroy,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GTask) outer = NULL;
  Job *job;

  g_return_if_fail (ORGSYNC_IS_RECORDS_WRITER (self));
  g_return_if_fail (func != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, orgsync_records_writer_call_async);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->destroy = destroy;
  job->task = g_task_new (NULL, cancellable, call_done_cb, g_steal_pointer (&outer));
  g_task_set_check_cancellable (job->task, FALSE);

  self->pending++;
  g_async_queue_push (self->queue, job);
}

gboolean
orgsync_records_writer_call_finish (OrgsyncRecordsWriter  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Calls queued or running: the engine fetches ahead only while this is small. */
guint
orgsync_records_writer_get_pending (OrgsyncRecordsWriter *self)
{
  g_return_val_if_fail (ORGSYNC_IS_RECORDS_WRITER (self), 0);

  return self->pending;
}
