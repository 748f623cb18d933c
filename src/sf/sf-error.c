/* sf-error.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-error.h"

G_DEFINE_QUARK (sf-error-quark, sf_error)
