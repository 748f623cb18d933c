/* orgsync-index-model.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-index-model.h"

/* A read-only view of some items of another list model, chosen by position. The
 * field search builds one per query and table from positions it computed in a single
 * pass, which is far cheaper than a GtkFilterListModel per table asking a filter
 * about every field again. The positions are fixed for the life of the view. */
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
 * orgsync_index_model_new:
 * @model: the model to view
 * @positions: (transfer none): positions in @model, of type guint
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
  self->positions = g_array_ref (positions);

  return self;
}
