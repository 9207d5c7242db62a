/* The hardware floor for reading .docx text: for each file, read it whole, find
 * word/document.xml in the zip central directory, inflate it with zlib and SAX-parse it with
 * libxml2, collecting the characters of w:t elements (the least any checker must do). Nothing
 * else: no numbering, no normalisation, no matching. bench/run and check_vs_python_docx.sh
 * compare `tokki check` with this.
 *
 *   docx_floor FILE_OR_DIR...      prints "files N text_bytes B"
 *
 * Errors (unreadable file, no document.xml, bad deflate) are counted and reported, not fatal:
 * the point is the cost of the happy path. */
#include <dirent.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static const char kPart[] = "word/document.xml";

struct state {
  int in_t;         /* Inside a w:t element. */
  size_t text;      /* Bytes of text collected in this document. */
  char* buf;        /* The collected text (reused across documents). */
  size_t cap;
};

static uint32_t le32(const unsigned char* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint16_t le16(const unsigned char* p) { return (uint16_t)(p[0] | p[1] << 8); }

static void on_start(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar* uri,
                     int nns, const xmlChar** ns, int nattr, int ndef, const xmlChar** attrs) {
  (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattr, (void)ndef, (void)attrs;
  struct state* s = ctx;
  if (strcmp((const char*)local, "t") == 0) s->in_t = 1;
}

static void on_end(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar* uri) {
  (void)local, (void)prefix, (void)uri;
  ((struct state*)ctx)->in_t = 0;
}

static void on_chars(void* ctx, const xmlChar* ch, int len) {
  struct state* s = ctx;
  if (!s->in_t) return;
  if (s->text + (size_t)len > s->cap) {
    s->cap = (s->text + (size_t)len) * 2;
    s->buf = realloc(s->buf, s->cap);
    if (s->buf == NULL) abort();
  }
  memcpy(s->buf + s->text, ch, (size_t)len);
  s->text += (size_t)len;
}

/* Inflates word/document.xml of the zip in data[0..size) into *out; returns its size or -1. */
static long inflate_part(const unsigned char* data, size_t size, unsigned char** out) {
  if (size < 22) return -1;
  size_t eocd = size - 22;
  while (eocd > 0 && le32(data + eocd) != 0x06054b50) --eocd;
  if (le32(data + eocd) != 0x06054b50) return -1;
  uint16_t entries = le16(data + eocd + 10);
  size_t cd = le32(data + eocd + 16);
  for (uint16_t i = 0; i < entries; ++i) {
    if (cd + 46 > size || le32(data + cd) != 0x02014b50) return -1;
    uint16_t method = le16(data + cd + 10);
    uint32_t csize = le32(data + cd + 20), usize = le32(data + cd + 24);
    uint16_t nlen = le16(data + cd + 28), xlen = le16(data + cd + 30), clen = le16(data + cd + 32);
    uint32_t local = le32(data + cd + 42);
    if (nlen == sizeof kPart - 1 && cd + 46 + nlen <= size &&
        memcmp(data + cd + 46, kPart, nlen) == 0) {
      if (local + 30 > size) return -1;
      size_t start = local + 30 + le16(data + local + 26) + le16(data + local + 28);
      if (start + csize > size) return -1;
      *out = malloc(usize + 1);
      if (*out == NULL) return -1;
      if (method == 0) {
        memcpy(*out, data + start, usize);
        return (long)usize;
      }
      z_stream z;
      memset(&z, 0, sizeof z);
      if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return -1;
      z.next_in = (Bytef*)(data + start);
      z.avail_in = csize;
      z.next_out = *out;
      z.avail_out = usize;
      int rc = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      return rc == Z_STREAM_END ? (long)z.total_out : -1;
    }
    cd += 46u + nlen + xlen + clen;
  }
  return -1;
}

static long files, failures;
static size_t text_bytes;

static void one_file(const char* path, struct state* s, xmlSAXHandler* sax) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) {
    ++failures;
    return;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char* data = malloc(size > 0 ? (size_t)size : 1);
  size_t got = fread(data, 1, (size_t)size, f);
  fclose(f);
  unsigned char* xml = NULL;
  long n = got == (size_t)size ? inflate_part(data, got, &xml) : -1;
  free(data);
  ++files;
  if (n < 0) {
    ++failures;
    free(xml);
    return;
  }
  s->in_t = 0;
  s->text = 0;
  xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(sax, s, NULL, 0, path);
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
  if (xmlParseChunk(ctxt, (const char*)xml, (int)n, 1) != 0) ++failures;
  xmlFreeParserCtxt(ctxt);
  free(xml);
  text_bytes += s->text;
}

static void walk(const char* path, struct state* s, xmlSAXHandler* sax) {
  struct stat st;
  if (stat(path, &st) != 0) {
    ++failures;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    one_file(path, s, sax);
    return;
  }
  struct dirent** names;
  int n = scandir(path, &names, NULL, alphasort);
  for (int i = 0; i < n; ++i) {
    const char* name = names[i]->d_name;
    size_t len = strlen(name);
    if (len > 5 && strcmp(name + len - 5, ".docx") == 0) {
      char full[4096];
      snprintf(full, sizeof full, "%s/%s", path, name);
      one_file(full, s, sax);
    }
    free(names[i]);
  }
  free(names);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: docx_floor FILE_OR_DIR...\n");
    return 2;
  }
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_chars;
  struct state s = {0, 0, NULL, 0};
  for (int i = 1; i < argc; ++i) walk(argv[i], &s, &sax);
  printf("files %ld text_bytes %zu failures %ld\n", files, text_bytes, failures);
  free(s.buf);
  return failures == 0 ? 0 : 1;
}
