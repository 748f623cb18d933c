/* sf-soql-builder-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sf-soql-builder.h"

G_BEGIN_DECLS

char *_sf_soql_shown_name (const char *name);

G_END_DECLS
