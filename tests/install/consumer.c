/* A program that embeds libklaverblad as an installed package: loads a
 * dataset and prints its node and relation counts. */
#include <stdio.h>

#include <klaverblad.h>

int
main(int argc, char **argv)
{
  if (argc != 2)
    return 2;
  KbDiagList *diags = kb_diag_list_new(0);
  GError *err = NULL;
  KbDataset *ds = kb_dataset_load(argv[1], KB_FORMAT_AUTO, diags, &err);
  if (ds == NULL) {
    fprintf(stderr, "%s\n", err->message);
    g_error_free(err);
    kb_diag_list_free(diags);
    return 1;
  }
  printf("%s: %zu nodes, %zu relations, %zu errors\n", KB_VERSION,
         kb_dataset_node_count(ds), kb_dataset_relation_count(ds),
         kb_diag_list_count(diags, KB_SEVERITY_ERROR));
  kb_dataset_free(ds);
  kb_diag_list_free(diags);
  return 0;
}
