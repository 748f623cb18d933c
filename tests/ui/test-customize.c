/* test-customize.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-customize-window.h"
#include "orgsync-sobject.h"
#include "orgsync-test-sobjects.h"
#include "orgsync-test-utils.h"

static OrgsyncSObject *
get_sobject (GListModel *sobjects,
             guint       position)
{
  OrgsyncSObject *sobject = g_list_model_get_item (sobjects, position);

  g_object_unref (sobject);  /* the store keeps it */
  return sobject;
}

static void
test_customize_tree_and_search (void)
{
  g_autoptr(GListModel) sobjects = orgsync_test_sobjects_new (20, 30);
  OrgsyncCustomizeWindow *window = orgsync_customize_window_new ("Acme", sobjects);
  guint n_in_place;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Tables only, folded. */
  g_assert_cmpuint (orgsync_customize_window_get_n_rows (window), ==, 20);
  orgsync_test_save_screenshot (GTK_WIDGET (window), "customize");

  /* "Shipping Revenue 1" is the label of Table001__c; field labels mention
   * "Shipping" in every table. A search opens the tables with matching fields. */
  orgsync_customize_window_set_search (window, "shippingannual");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (orgsync_customize_window_get_n_rows (window), >, 0);
  g_assert_cmpuint (orgsync_customize_window_get_n_rows (window), <, 20 * 31);
  orgsync_test_save_screenshot (GTK_WIDGET (window), "customize-search");

  /* Nothing matches: the rows go and the window says so. */
  orgsync_customize_window_set_search (window, "zzz-no-such-field");
  g_assert_cmpuint (orgsync_customize_window_get_n_rows (window), ==, 0);

  /* Case does not matter; a table found by its own name shows all its fields, and
   * clearing the search folds the tables back. */
  orgsync_customize_window_set_search (window, "TABLE007__C");
  g_assert_cmpuint (orgsync_customize_window_get_n_rows (window), ==, 1 + 30);

  /* A small change updates the tree in place; the tables it brings in are open just
   * as in a tree built for the query from scratch. */
  orgsync_customize_window_set_search (window, "table00");
  n_in_place = orgsync_customize_window_get_n_rows (window);
  orgsync_customize_window_set_search (window, "");
  g_assert_cmpuint (orgsync_customize_window_get_n_rows (window), ==, 20);
  orgsync_customize_window_set_search (window, "table00");
  g_assert_cmpuint (orgsync_customize_window_get_n_rows (window), >, 1 + 30);
  g_assert_cmpuint (n_in_place, ==, orgsync_customize_window_get_n_rows (window));
  orgsync_customize_window_set_search (window, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_customize_review_lists_changes (void)
{
  g_autoptr(GListModel) sobjects = orgsync_test_sobjects_new (5, 10);
  OrgsyncCustomizeWindow *window = NULL;
  g_auto(GStrv) added = NULL;
  g_auto(GStrv) removed = NULL;
  OrgsyncSObject *first = get_sobject (sobjects, 0);
  OrgsyncSObject *second = get_sobject (sobjects, 1);

  orgsync_sobject_set_selected (second, TRUE);
  window = orgsync_customize_window_new ("Acme", sobjects);
  gtk_window_present (GTK_WINDOW (window));

  /* Tick a whole table, clear another one: a table that no longer syncs loses its
   * locked fields too. */
  orgsync_sobject_set_selected (first, TRUE);
  orgsync_sobject_set_selected (second, FALSE);

  added = orgsync_customize_window_dup_added (window);
  removed = orgsync_customize_window_dup_removed (window);
  g_assert_cmpuint (g_strv_length (added), ==, 10);
  g_assert_cmpuint (g_strv_length (removed), ==, 10);
  for (guint i = 0; added[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (added[i], "Table000__c."));
  for (guint i = 0; removed[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (removed[i], "Table001__c."));
  g_assert_true (g_strv_contains ((const char * const *) added, "Table000__c.Id"));
  g_assert_true (g_strv_contains ((const char * const *) removed, "Table001__c.IsDeleted"));

  orgsync_customize_window_show_review (window);
  orgsync_test_save_screenshot (GTK_WIDGET (window), "customize-review");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_cb (gpointer  instance,
          int      *count)
{
  (*count)++;
}

static void
test_customize_sync_now_signal (void)
{
  g_autoptr(GListModel) sobjects = orgsync_test_sobjects_new (2, 5);
  OrgsyncCustomizeWindow *window = orgsync_customize_window_new ("Acme", sobjects);
  int reviews = 0;
  int syncs = 0;

  g_signal_connect (window, "review", G_CALLBACK (count_cb), &reviews);
  g_signal_connect (window, "sync-now", G_CALLBACK (count_cb), &syncs);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "customize.review", NULL));
  g_assert_cmpint (reviews, ==, 1);
  orgsync_customize_window_set_estimate (window, "About 1,000 records and 3 API calls.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "customize.sync-now", NULL));
  g_assert_cmpint (syncs, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GListModel *
make_account_only (void)
{
  GListStore *store = g_list_store_new (ORGSYNC_TYPE_SOBJECT);
  g_autoptr(OrgsyncSObject) account = orgsync_sobject_new ("Account", "Account", FALSE, TRUE);
  const OrgsyncFieldInfo fields[] = {
    { "Id", "Account ID", "id", 18, 0, NULL },
    { "IsDeleted", "Deleted", "boolean", 0, 0, NULL },
    { "SystemModstamp", "System Modstamp", "datetime", 0, 0, NULL },
    { "Name", "Account Name", "string", 255, 0, NULL },
    { "Website", "Website", "url", 255, 0, NULL },
    { "Industry", "Industry", "picklist", 255, 0, NULL },
    { "Description", "Description", "textarea", 32000, 0, NULL },
  };

  orgsync_sobject_set_fields (account, fields, G_N_ELEMENTS (fields));
  g_list_store_append (store, account);

  return G_LIST_MODEL (store);
}

static void
test_customize_preset_and_undo (void)
{
  g_autoptr(GListModel) sobjects = make_account_only ();
  OrgsyncCustomizeWindow *window = orgsync_customize_window_new ("Acme", sobjects);
  OrgsyncSObject *account = get_sobject (sobjects, 0);
  OrgsyncField *description = orgsync_sobject_lookup_field (account, "Description");
  OrgsyncField *website = orgsync_sobject_lookup_field (account, "Website");

  gtk_window_present (GTK_WINDOW (window));
  orgsync_field_set_selected (description, TRUE);

  /* The preset replaces the selection with its fields that the org has. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "customize.apply-preset", "s", "partner-overlap"));
  g_assert_true (orgsync_field_get_selected (website));
  g_assert_false (orgsync_field_get_selected (description));
  orgsync_test_save_screenshot (GTK_WIDGET (window), "customize-preset");

  /* Undo brings back what was there before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "customize.undo-preset", NULL));
  g_assert_false (orgsync_field_get_selected (website));
  g_assert_true (orgsync_field_get_selected (description));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/customize/tree-and-search", test_customize_tree_and_search);
  g_test_add_func ("/customize/review-lists-changes", test_customize_review_lists_changes);
  g_test_add_func ("/customize/sync-now-signal", test_customize_sync_now_signal);
  g_test_add_func ("/customize/preset-and-undo", test_customize_preset_and_undo);

  return g_test_run ();
}
