/* fuzz_spec.c -- libFuzzer target for klaverblad-render's text format. */
#include <stdint.h>

#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
  KbRenderSpec *spec = kb_render_spec_parse("<fuzz>", (const char *) data, len, errors);
  if (spec != NULL) {
    kb_render_spec_layout(spec, NULL);
    kb_render_spec_free(spec);
  }
  g_ptr_array_unref(errors);
  return 0;
}
