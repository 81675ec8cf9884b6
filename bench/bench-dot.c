/* bench-dot.c — the board of a scenario as a Graphviz DOT file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-dot [SCENARIO] > board.dot
 *
 * The same topology the renderer draws, for the export benchmark to time
 * `dot -Tsvg` / `dot -Tpng` against `stackboard --export`: a cluster per
 * machine with its title and address, a box per component with its label
 * and address, and every link sb_links_derive() gives, dashed and
 * captioned as on the board.  SCENARIO is a bundled name or a file
 * (default: distributed).
 */
#include "config.h"

#include "render/sb-links.h"

static void
print_escaped (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_print ("\\");
      g_print ("%c", *p);
    }
}

static void
print_quoted (const char *text)
{
  g_print ("\"");
  print_escaped (text);
  g_print ("\"");
}

/* "Label\naddress" (two centred lines), as the board's nodes and host
 * titles show them. */
static void
print_label (const char *label,
             const char *ip)
{
  g_print ("\"");
  print_escaped (label);
  if (ip != NULL)
    {
      g_print ("\\n");
      print_escaped (ip);
    }
  g_print ("\"");
}

static void
print_node (const SbComponent *comp,
            const char        *indent)
{
  g_print ("%s", indent);
  print_quoted (comp->id);
  g_print (" [label=");
  print_label (comp->label, comp->ip);
  g_print ("];\n");
}

static const char *
caption (const SbLink *link)
{
  switch (link->kind)
    {
    case SB_LINK_DNS_LOOKUP:
      return "DNS lookup";
    case SB_LINK_HTTP:
      return "HTTP request";
    case SB_LINK_REPLICATION:
      return "async replication";
    case SB_LINK_REMOTE_WRITE:
      return "writes";
    case SB_LINK_BACKEND:
      return link->backup ? "backup" : NULL;
    case SB_LINK_LOCAL:
    default:
      return NULL;
    }
}

static void
print_link (const SbLink *link,
            GHashTable   *captioned)
{
  const char *text = caption (link);
  gboolean dashed = link->kind == SB_LINK_DNS_LOOKUP || link->kind == SB_LINK_REPLICATION
                    || link->kind == SB_LINK_REMOTE_WRITE || link->backup;

  g_print ("  ");
  print_quoted (link->from);
  g_print (" -> ");
  print_quoted (link->to);
  g_print (" [");
  if (dashed)
    g_print ("style=dashed");
  /* Like the board, a kind of link that repeats is captioned once. */
  if (text && (link->backup || g_hash_table_add (captioned, GINT_TO_POINTER (link->kind + 1))))
    {
      g_print ("%slabel=", dashed ? ", " : "");
      print_quoted (text);
    }
  g_print ("];\n");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScenario) scenario = sb_scenario_load_by_name_or_path (argc > 1 ? argv[1] : "distributed",
                                                                     &error);
  g_autoptr(GArray) links = NULL;
  g_autoptr(GHashTable) captioned = g_hash_table_new (NULL, NULL);

  if (scenario == NULL)
    {
      g_printerr ("bench-dot: %s\n", error->message);
      return 1;
    }
  g_print ("digraph board {\n"
           "  fontname=\"Cantarell\";\n"
           "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Cantarell\"];\n"
           "  edge [fontname=\"Cantarell\"];\n");
  for (guint i = 0; i < scenario->components->len; i++)
    {
      const SbComponent *comp = g_ptr_array_index (scenario->components, i);

      if (comp->host == NULL)
        print_node (comp, "  ");
    }
  for (guint h = 0; h < scenario->hosts->len; h++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, h);

      g_print ("  subgraph \"cluster_%s\" {\n    style=\"rounded,filled\"; fillcolor=\"#edf2f7\"; label=", host->id);
      print_label (host->label, host->ip);
      g_print (";\n");
      for (guint i = 0; i < scenario->components->len; i++)
        {
          const SbComponent *comp = g_ptr_array_index (scenario->components, i);

          if (g_strcmp0 (comp->host, host->id) == 0)
            print_node (comp, "    ");
        }
      g_print ("  }\n");
    }
  links = sb_links_derive (scenario);
  for (guint i = 0; i < links->len; i++)
    print_link (&g_array_index (links, SbLink, i), captioned);
  g_print ("}\n");
  return 0;
}
