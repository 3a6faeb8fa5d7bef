// Reading a Python file for the scanner and turning its bytes into UTF-8 text, as CPython would
// (PEP 263, PEP 3120):
// - A file containing a NUL byte is binary: reported and skipped (CPython refuses it too).
// - A UTF-8 byte order mark is dropped (columns then count from the first real character).
// - A coding cookie on line 1 or 2 (`# -*- coding: latin-1 -*-`) names the encoding; anything other
//   than UTF-8 is converted to UTF-8 with iconv. An unknown encoding is reported and skipped.
// - Without a cookie the file must be valid UTF-8. Invalid UTF-8 is reported and the file
//   skipped, not decoded leniently: CPython cannot import such a file, and findings at guessed
//   positions would be worse than the notice.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::server::check {

struct SourceText {
    std::string text;  // UTF-8, when error is empty
    std::string error; // why the file is skipped
};

// Reads a file without following it if it is not a regular file (FIFOs are never opened for
// reading in a way that blocks), then decodes it.
SourceText read_python_source(const std::string& path);

// Decodes bytes read from a file or stdin.
SourceText decode_python_source(std::string bytes);

// The encoding named by a PEP 263 cookie in the first two lines, lower-cased; nullopt if none.
std::optional<std::string> coding_cookie(std::string_view bytes);

} // namespace vigil::server::check
