/* sb-metrics.h — sizes of the whiteboard, in diagram units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default scenario comes out about 1560 units wide, so on a 1280-pixel
 * projector one unit is about 0.8 px: a 22-unit label is drawn at 17–18 px,
 * readable from the back of a classroom.
 */
#pragma once

#define SB_NODE_WIDTH        200.0
#define SB_NODE_HEIGHT       104.0
#define SB_TOP_NODE_WIDTH    280.0
#define SB_NODE_GAP_X         44.0
#define SB_NODE_GAP_Y         64.0
#define SB_HOST_PAD           22.0
#define SB_HOST_PAD_BOTTOM    44.0   /* room for the database version */
#define SB_HOST_TITLE         46.0
#define SB_HOST_GAP_X        110.0
#define SB_HOST_GAP_CAPTION  280.0   /* a captioned line across the gap */
#define SB_HOST_GAP_Y         70.0
#define SB_TOP_GAP_X         300.0
#define SB_TIER_GAP           96.0
#define SB_MARGIN             70.0
#define SB_MARGIN_TOP         56.0   /* a line of notes over the stacked browsers */
#define SB_MIN_WIDTH         900.0
#define SB_MAX_HOST_COLUMNS    4

/* One size for every text: see the type style in sb-render-private.h. */
#define SB_FONT_LABEL         22.0
#define SB_FONT_DETAIL        22.0
#define SB_FONT_HOST          22.0
#define SB_FONT_LINK          22.0
#define SB_GLYPH_SIZE         44.0
#define SB_CORNER             12.0
