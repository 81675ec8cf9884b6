/* sb-event-item.h — one line of the event log, as a list model item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sim/sb-narrator.h"
#include "sim/sb-sim.h"

G_BEGIN_DECLS

#define SB_TYPE_EVENT_ITEM (sb_event_item_get_type ())

G_DECLARE_FINAL_TYPE (SbEventItem, sb_event_item, SB, EVENT_ITEM, GObject)

/* Copies what it needs from EVENT, which belongs to the sim. */
SbEventItem        *sb_event_item_new       (const SbScenario *scenario,
                                             const SbSimEvent *event);
/* A line of the narrator's, kept in the log. */
SbEventItem        *sb_event_item_new_caption (const SbCaption *caption);
gboolean            sb_event_item_is_caption (SbEventItem     *self);
const char         *sb_event_item_get_text  (SbEventItem      *self);
gboolean            sb_event_item_is_failure (SbEventItem     *self);
/* The elements the request went through, for highlighting; NULL-terminated. */
const char * const *sb_event_item_get_path  (SbEventItem      *self);

G_END_DECLS
