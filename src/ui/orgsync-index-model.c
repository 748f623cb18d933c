/* orgsync-index-model.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-index-model.h"

/* A view of some items of another list model, chosen by position. The field search
 * keeps one per table and hands it new positions computed in a single pass, which is
 * far cheaper than a GtkFilterListModel per table asking a filter about every field
 * again. A change of positions is announced as the smallest items-changed that
 * covers it, so that rows which stay keep their widgets in the list view. */
struct _OrgsyncIndexModel
{
  GObject     parent_instance;

  GListModel *model;
  GArray     *positions;  /* guint */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrgsyncIndexModel, orgsync_index_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
orgsync_index_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (ORGSYNC_INDEX_MODEL (list)->model);
}

static guint
orgsync_index_model_get_n_items (GListModel *list)
{
  return ORGSYNC_INDEX_MODEL (list)->positions->len;
}

static gpointer
orgsync_index_model_get_item (GListModel *list,
                              guint       position)
{
  OrgsyncIndexModel *self = ORGSYNC_INDEX_MODEL (list);

  if (position >= self->positions->len)
    return NULL;

  return g_list_model_get_item (self->model, g_array_index (self->positions, guint, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = orgsync_index_model_get_item_type;
  iface->get_n_items = orgsync_index_model_get_n_items;
  iface->get_item = orgsync_index_model_get_item;
}

static void
orgsync_index_model_finalize (GObject *object)
{
  OrgsyncIndexModel *self = ORGSYNC_INDEX_MODEL (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->positions, g_array_unref);

  G_OBJECT_CLASS (orgsync_index_model_parent_class)->finalize (object);
}

static void
orgsync_index_model_class_init (OrgsyncIndexModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orgsync_index_model_finalize;
}

static void
orgsync_index_model_init (OrgsyncIndexModel *self)
{
}

/**
 * orgsync_index_model_splice:
 * @position: where to change the view
 * @n_removed: how many positions to remove there
 * @added: (array length=n_added): positions to insert there
 *
 * Changes the view and announces exactly that change.
 */
void
orgsync_index_model_splice (OrgsyncIndexModel *self,
                            guint              position,
                            guint              n_removed,
                            const guint       *added,
                            guint              n_added)
{
  g_return_if_fail (ORGSYNC_IS_INDEX_MODEL (self));
  g_return_if_fail (position + n_removed <= self->positions->len);

  if (n_removed == 0 && n_added == 0)
    return;

  g_array_remove_range (self->positions, position, n_removed);
  g_array_insert_vals (self->positions, position, added, n_added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
}

/* Runs of removed and added positions between two ascending lists, in order, as
 * quadruples (old index, n removed, new index of the first added, n added). Both lists
 * are sorted, so one merge walk finds them. */
static GArray *
find_runs (GArray *old,
           GArray *positions)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i = 0;
  guint j = 0;

  while (i < old->len || j < positions->len)
    {
      guint start_i = i;
      guint start_j = j;

      while (i < old->len && (j >= positions->len ||
                              g_array_index (old, guint, i) < g_array_index (positions, guint, j)))
        i++;
      while (j < positions->len && (i >= old->len ||
                                    g_array_index (positions, guint, j) < g_array_index (old, guint, i)))
        j++;

      if (i > start_i || j > start_j)
        {
          guint run[4] = { start_i, i - start_i, start_j, j - start_j };

          g_array_append_vals (runs, run, 4);
          continue;
        }

      /* Equal: a position that stays. */
      i++;
      j++;
    }

  return runs;
}

/* How many items-changed signals moving to @positions would take. */
guint
orgsync_index_model_count_changes (OrgsyncIndexModel *self,
                                   GArray            *positions)
{
  g_autoptr(GArray) runs = NULL;

  g_return_val_if_fail (ORGSYNC_IS_INDEX_MODEL (self), 0);

  runs = find_runs (self->positions, positions);

  return runs->len / 4;
}

/**
 * orgsync_index_model_set_positions:
 * @positions: (transfer none): the new positions, of type guint, ascending like
 *   the current ones
 *
 * Moves the view to @positions with the smallest changes, applied from the end, where
 * nothing before them has moved yet. Rows that stay keep their widgets in a list view.
 */
void
orgsync_index_model_set_positions (OrgsyncIndexModel *self,
                                   GArray            *positions)
{
  g_autoptr(GArray) runs = NULL;

  g_return_if_fail (ORGSYNC_IS_INDEX_MODEL (self));
  g_return_if_fail (positions != NULL);

  runs = find_runs (self->positions, positions);

  for (guint r = runs->len; r > 0; r -= 4)
    {
      const guint *run = &g_array_index (runs, guint, r - 4);

      orgsync_index_model_splice (self, run[0], run[1],
                                  &g_array_index (positions, guint, run[2]), run[3]);
    }
}

/**
 * orgsync_index_model_new:
 * @model: the model to view
 * @positions: (transfer none): positions in @model, of type guint (copied)
 */
OrgsyncIndexModel *
orgsync_index_model_new (GListModel *model,
                         GArray     *positions)
{
  OrgsyncIndexModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (positions != NULL, NULL);

  self = g_object_new (ORGSYNC_TYPE_INDEX_MODEL, NULL);
  self->model = g_object_ref (model);
  /* A copy of our own: splices change it in place. */
  self->positions = g_array_copy (positions);

  return self;
}
