/* orgsync-widget-util.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-widget-util.h"

/**
 * orgsync_button_set_mnemonic_label:
 * @label: a label with a mnemonic, such as "_Reauthorize"
 *
 * Sets a button's label and the name a screen reader reads: GTK 4.8 reads the
 * underscore of a mnemonic label, and the label twice.
 */
void
orgsync_button_set_mnemonic_label (GtkButton  *button,
                                   const char *label)
{
  g_autoptr(GString) plain = g_string_new (label);

  g_return_if_fail (GTK_IS_BUTTON (button));

  g_string_replace (plain, "_", "", 0);
  gtk_button_set_use_underline (button, TRUE);
  gtk_button_set_label (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain->str, -1);
}
