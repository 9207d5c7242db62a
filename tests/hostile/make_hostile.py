#!/usr/bin/python3
"""Writes the hostile-input corpus: crafted files of every class a reviewer might be sent,
each with what tokki must do with it. Nothing here is committed as binary: the files are
written fresh by hostile_test.py into a temporary directory on every run.

Usage: make_hostile.py OUT_DIR      (writes the files and OUT_DIR/cases.json)

A case is {"file", "class", "expect": "refuse" | "read", "message": regex}. "refuse": exit
status 2 and exactly one line on standard error that names the file and matches `message`.
"read": the file is read as an agreement (exit 0 or 1) and `message` must not appear in the
output (e.g. the text of /etc/passwd that an external entity would have pulled in).
"""

import io
import json
import os
import random
import struct
import sys
import warnings
import zipfile
import zlib

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = R + "/officeDocument"

CONTENT_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{CT}">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')


def package_rels(target="word/document.xml", mode=""):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PR}">'
            f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="{target}"{mode}/></Relationships>')


def document(paragraphs, prolog=""):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>')


# An agreement short enough to write inline: one article on confidentiality.
AGREEMENT = ["第1条（秘密の保持）", "乙は、この契約による事務に関して知り得た個人情報を他に漏らしてはならない。"]


def docx(entries, compression=zipfile.ZIP_DEFLATED):
    """A zip of (name, bytes-or-str) in order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, (2024, 4, 1, 0, 0, 0)),
                       data.encode("utf-8") if isinstance(data, str) else data,
                       compress_type=compression)
    return buf.getvalue()


def plain_docx(doc_xml=None, extra=(), rels=None):
    return docx([("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", rels or package_rels()),
                 ("word/document.xml", doc_xml or document(AGREEMENT))] + list(extra))


def lie_about_size(data, name, new_size):
    """Rewrites the uncompressed size of entry `name` in its local header and in the central
    directory (the CRC stays that of the real data)."""
    out = bytearray(data)
    raw = name.encode()
    # (signature, offset of the name length, of the name, of the uncompressed size)
    for signature, name_len_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22),
                                                      (b"PK\x01\x02", 28, 46, 24)):
        pos = out.find(signature)
        while pos >= 0:
            nlen = struct.unpack_from("<H", out, pos + name_len_at)[0]
            if bytes(out[pos + name_at:pos + name_at + nlen]) == raw:
                struct.pack_into("<I", out, pos + size_at, new_size)
            pos = out.find(signature, pos + 4)
    return bytes(out)


def overlapping_entries(count):
    """David Fifield's construction, simplified: one deflated block of a large document.xml,
    and `count` central directory entries with different names all pointing at it."""
    payload = document(["あ" * 100] * 20000).encode()  # About 6 MB inflated.
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = comp.compress(payload) + comp.flush()
    crc = zlib.crc32(payload)
    out = bytearray()
    central = bytearray()

    def local(name, data, method, crc_, usize):
        n = name.encode()
        head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x5881, crc_, len(data),
                           usize, len(n), 0)
        return head + n + data

    def cdir(name, method, crc_, csize, usize, offset):
        n = name.encode()
        return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x5881, crc_,
                           csize, usize, len(n), 0, 0, 0, 0, 0, offset) + n

    for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", package_rels())):
        data = text.encode()
        central += cdir(name, 0, zlib.crc32(data), len(data), len(data), len(out))
        out += local(name, data, 0, zlib.crc32(data), len(data))
    shared_offset = len(out)
    out += local("word/document.xml", deflated, 8, crc, len(payload))
    central += cdir("word/document.xml", 8, crc, len(deflated), len(payload), shared_offset)
    for i in range(count):
        central += cdir(f"word/media/image{i}.xml", 8, crc, len(deflated), len(payload),
                        shared_offset)
    entries = 3 + count
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, len(central), len(out), 0)
    return bytes(out + central + eocd)


def ole(streams_utf16):
    """An OLE2 compound file header and a directory sector naming `streams_utf16`: enough for
    the magic and the stream names a reader looks for, not a whole compound file."""
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(16) + struct.pack("<HH", 0x3E, 3)
    header += b"\xFE\xFF" + struct.pack("<H", 9) + bytes(512 - len(header) - 2)
    names = b"".join(s.encode("utf-16-le") + bytes(2) for s in ["Root Entry"] + streams_utf16)
    return header[:512] + names.ljust(512 * 3, b"\0")


def cases(out):
    written = []

    def add(name, data, cls, expect, message):
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        written.append({"file": name, "class": cls, "expect": expect, "message": message})

    # --- Zip containers ---------------------------------------------------------------------
    spaces = document(["　" * 1000] * 10000)  # 30 MB of full-width spaces, deflates ~1000x.
    add("zip-bomb.docx", plain_docx(spaces), "zip bomb (compression ratio)", "refuse",
        "圧縮率|zip bomb")
    bomb = plain_docx(spaces)
    add("zip-bomb-lying-size.docx", lie_about_size(bomb, "word/document.xml", 4000),
        "zip bomb (declared size lies)", "refuse", "圧縮率|zip bomb|大きすぎ|サイズ|壊れ")
    inner = docx([("bomb.txt", "0" * (20 << 20))])
    add("nested-zip.docx", plain_docx(extra=[("word/embeddings/inner.zip", inner),
                                             ("word/embeddings/inner2.docx", inner)]),
        "nested zip (never opened)", "read", "^$")
    # Caught by the ratio of the one entry tokki inflates; the 1500 aliases are never read.
    add("overlapping-entries.docx", overlapping_entries(1500), "overlapping-entry zip bomb",
        "refuse", "圧縮率")
    add("many-entries.docx",
        plain_docx(extra=[(f"customXml/item{i}.xml", "<a/>") for i in range(5000)]),
        "too many entries", "refuse", "エントリ|多すぎ")
    for label, evil in (("dotdot", "../../../../tmp/tokki-evil.xml"),
                        ("absolute", "/tmp/tokki-evil.xml"),
                        ("backslash", "word\\..\\..\\evil.xml")):
        add(f"traversal-{label}.docx", plain_docx(extra=[(evil, "<evil/>")]),
            f"entry name with {label}", "refuse", "不正")
    add("rels-escape.docx", plain_docx(rels=package_rels("../../../../etc/passwd")),
        "relationship target outside the package", "refuse", "不正|ありません|Word")
    # An external target is never fetched: the main part is looked for in the package.
    add("rels-external.docx",
        plain_docx(rels=package_rels("file:///etc/passwd", ' TargetMode="External"')),
        "external relationship (never fetched)", "read", "root:")
    dup = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(dup, "w") as z:
        warnings.simplefilter("ignore")  # "Duplicate name": the point of this case.
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", package_rels())
        z.writestr("word/document.xml", document(AGREEMENT))
        with_dup = zipfile.ZipInfo("word/document.xml")
        z.writestr(with_dup, document(["第1条（再委託）", "乙は、再委託してもよい。"]))
    add("duplicate-entries.docx", dup.getvalue(), "duplicate entry names", "refuse", "重複")
    good = plain_docx()
    cd = good.rfind(b"PK\x01\x02")
    add("truncated-central-directory.docx", good[:cd + 20], "truncated central directory",
        "refuse", "zip|壊れ|読めません")
    add("truncated-half.docx", good[:len(good) // 2], "truncated file", "refuse",
        "zip|壊れ|読めません")
    flipped = bytearray(plain_docx(document(AGREEMENT * 50)))
    start = flipped.find(b"word/document.xml") + len("word/document.xml") + 40
    for i in range(start, start + 64, 3):
        flipped[i] ^= 0x5A
    add("bit-flipped.docx", bytes(flipped), "bit-flipped deflate data", "refuse",
        "壊れ|読めません|CRC|zip|XML")

    # --- XML ----------------------------------------------------------------------------------
    xxe = ('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
    add("xxe.docx", plain_docx(document(["&xxe;"] + AGREEMENT, xxe)), "external entity (XXE)",
        "refuse", "DTD|DOCTYPE|XML")
    laughs = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "ha"}">'
                     for i in range(10))
    add("billion-laughs.docx", plain_docx(document(["&l9;"] + AGREEMENT,
                                                   f"<!DOCTYPE w:document [{laughs}]>\n")),
        "entity expansion (billion laughs)", "refuse", "DTD|DOCTYPE|XML")
    # 2000 levels: under the size at which the compression ratio is checked, so that the
    # depth itself is what the reader meets.
    deep = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{W}"><w:body>'
            + "<w:sdt><w:sdtContent>" * 2000 + "</w:sdtContent></w:sdt>" * 2000
            + "</w:body></w:document>")
    add("deep-nesting.docx", plain_docx(deep), "deep nesting", "refuse", "depth|深")
    add("not-well-formed.docx", plain_docx(document(AGREEMENT)[:-30]), "XML cut short",
        "refuse", r"word/document\.xml:2: ")
    # Kanji in random order (too random for the ratio check) in one paragraph: 3 MB, over
    # tokki's paragraph limit; 12 MB, over libxml2's limit for one text node.
    rng = random.Random(4)
    kanji = "".join(chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(4 << 20))
    add("huge-paragraph.docx", plain_docx(document([kanji[:1 << 20]])), "one huge paragraph",
        "refuse", "段落 1 が長すぎます")
    add("huge-text-node.docx", plain_docx(document([kanji])), "one text node over 10 MB",
        "refuse", "huge text node")
    add("huge-line.txt", ("乙は" + kanji[:1 << 20]).encode(), "one line of text over 1 MiB",
        "refuse", "段落 1 が長すぎます")

    # --- Not a .docx ----------------------------------------------------------------------------
    add("legacy.doc.docx", ole(["WordDocument", "1Table"]), "Word 97-2003 (OLE2) renamed",
        "refuse", r"旧形式の \.doc")
    add("encrypted.docx", ole(["EncryptionInfo", "EncryptedPackage"]),
        "password-protected .docx (OLE2)", "refuse", "パスワード")
    macro = docx([("[Content_Types].xml", CONTENT_TYPES.replace(
        "document.main+xml", "document.macroEnabled.main+xml")), ("_rels/.rels", package_rels()),
        ("word/document.xml", document(AGREEMENT)),
        ("word/vbaProject.bin", ole(["VBA", "PROJECT"]))])
    add("macro.docm", macro, ".docm with a VBA project (text only)", "read", "^$")
    add("empty.docx", b"", "empty file", "refuse", "空")
    png = b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randrange(256) for _ in range(4000))
    add("picture.docx", png, "a picture renamed .docx", "refuse", "中身は Word 文書")
    add("picture.txt", png, "a picture renamed .txt", "refuse", "文字コードを判別できません")
    add("random.txt", bytes(random.Random(2).randrange(256) for _ in range(20000)),
        "binary data named .txt", "refuse", "テキストファイルではありません")
    add("latin1.txt", "Le sous-traitant doit protéger les données - à conserver.\n".encode(
        "latin-1") * 20, "text in no supported encoding (Latin-1)", "refuse", "文字コード")
    add("broken.pdf", b"%PDF-1.4\n" + bytes(random.Random(3).randrange(256) for _ in range(3000)),
        "corrupt PDF", "refuse", "PDF")
    no_text = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
               b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
               b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n")
    xref = len(no_text)
    no_text += (b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
                b"0000000115 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n"
                + str(xref).encode() + b"\n%%EOF\n")
    add("scan.pdf", no_text, "PDF without a text layer", "refuse", "テキストのない")
    # Over the file size limit (256 MiB): a sparse file, refused before it is read.
    big = os.path.join(out, "huge.docx")
    with open(big, "wb") as f:
        f.write(good[:4])
        f.truncate(300 << 20)
    written.append({"file": "huge.docx", "class": "300 MiB file", "expect": "refuse",
                    "message": "大きすぎ"})

    with open(os.path.join(out, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(written, f, ensure_ascii=False, indent=1)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    os.makedirs(sys.argv[1], exist_ok=True)
    for c in cases(sys.argv[1]):
        print(f'{c["file"]}\t{c["expect"]}\t{c["class"]}')
