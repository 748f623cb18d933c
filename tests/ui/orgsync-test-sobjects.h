/* orgsync-test-sobjects.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GListModel *orgsync_test_sobjects_new (guint n_tables,
                                       guint n_fields);

G_END_DECLS
