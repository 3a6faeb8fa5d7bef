#include "server/check/source.hpp"

#include "protocol/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::server::check {

namespace {

std::string line_of(std::string_view bytes, std::size_t offset) {
    return std::to_string(std::count(bytes.begin(), bytes.begin() + offset, '\n') + 1);
}

// PEP 263's name normalization, as CPython's tokenizer does it.
std::string normal_encoding_name(std::string name) {
    for (char& c : name) {
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (name == "utf-8" || name.starts_with("utf-8-") || name == "utf8") {
        return "utf-8";
    }
    for (std::string_view latin : {"latin-1", "iso-8859-1", "iso-latin-1"}) {
        if (name == latin || name.starts_with(std::string(latin) + "-")) {
            return "iso-8859-1";
        }
    }
    return name;
}

std::optional<std::string> convert_to_utf8(std::string_view bytes, const std::string& encoding) {
    iconv_t converter = iconv_open("UTF-8", encoding.c_str());
    if (converter == reinterpret_cast<iconv_t>(-1)) {
        return std::nullopt;
    }
    std::string output(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t written = 0;
    bool ok = true;
    while (in_left > 0) {
        char* out = output.data() + written;
        std::size_t out_left = output.size() - written;
        const std::size_t result = iconv(converter, &in, &in_left, &out, &out_left);
        written = output.size() - out_left;
        if (result == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                output.resize(output.size() * 2);
                continue;
            }
            ok = false;
            break;
        }
    }
    iconv_close(converter);
    if (!ok) {
        return std::nullopt;
    }
    output.resize(written);
    return output;
}

std::optional<std::string> cookie_in_line(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) {
        ++i;
    }
    if (i >= line.size() || line[i] != '#') {
        return std::nullopt;
    }
    // CPython's pattern: `coding[:=]\s*([-\w.]+)` anywhere in the comment.
    for (std::size_t found = line.find("coding", i); found != std::string_view::npos;
         found = line.find("coding", found + 1)) {
        std::size_t j = found + 6;
        if (j >= line.size() || (line[j] != ':' && line[j] != '=')) {
            continue;
        }
        ++j;
        while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) {
            ++j;
        }
        const std::size_t start = j;
        while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) ||
                                   line[j] == '-' || line[j] == '_' || line[j] == '.')) {
            ++j;
        }
        if (j > start) {
            return std::string(line.substr(start, j - start));
        }
    }
    return std::nullopt;
}

bool blank_or_comment(std::string_view line) {
    for (char c : line) {
        if (c == '#') {
            return true;
        }
        if (c != ' ' && c != '\t' && c != '\f' && c != '\r') {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<std::string> coding_cookie(std::string_view bytes) {
    const std::size_t first_end = bytes.find('\n');
    const std::string_view first = bytes.substr(0, first_end);
    if (auto cookie = cookie_in_line(first)) {
        return normal_encoding_name(*cookie);
    }
    if (first_end == std::string_view::npos || !blank_or_comment(first)) {
        return std::nullopt;
    }
    const std::string_view rest = bytes.substr(first_end + 1);
    if (auto cookie = cookie_in_line(rest.substr(0, rest.find('\n')))) {
        return normal_encoding_name(*cookie);
    }
    return std::nullopt;
}

SourceText decode_python_source(std::string bytes) {
    SourceText result;
    if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
        result.error = "binary file (contains NUL bytes), skipped";
        return result;
    }
    bool had_bom = false;
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.erase(0, 3);
        had_bom = true;
    }
    const std::optional<std::string> cookie = coding_cookie(bytes);
    if (cookie && *cookie != "utf-8") {
        if (had_bom) {
            result.error = "encoding problem: a UTF-8 byte order mark with a coding cookie for " +
                           *cookie + ", skipped";
            return result;
        }
        std::optional<std::string> converted = convert_to_utf8(bytes, *cookie);
        if (!converted) {
            std::string upper = *cookie;
            std::transform(upper.begin(), upper.end(), upper.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            converted = convert_to_utf8(bytes, upper);
        }
        if (!converted) {
            result.error = "cannot decode as " + *cookie + " (its coding cookie), skipped";
            return result;
        }
        result.text = std::move(*converted);
        return result;
    }
    const std::size_t invalid = protocol::invalid_utf8_offset(bytes);
    if (invalid != std::string_view::npos) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[invalid]));
        result.error = "invalid UTF-8 (byte " + std::string(hex) + " on line " +
                       line_of(bytes, invalid) + ") and no coding cookie, skipped";
        return result;
    }
    result.text = std::move(bytes);
    return result;
}

SourceText read_python_source(const std::string& path) {
    SourceText result;
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        result.error = std::string("cannot read: ") + std::strerror(errno);
        return result;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        result.error = S_ISDIR(info.st_mode) ? "is a directory" : "not a regular file";
        return result;
    }
    std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t filled = 0;
    while (true) {
        if (filled == bytes.size()) {
            bytes.resize(bytes.size() + 4096); // the file grew, or stat said 0 (procfs and kin)
        }
        const ssize_t got = ::read(fd, bytes.data() + filled, bytes.size() - filled);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            result.error = std::string("cannot read: ") + std::strerror(errno);
            ::close(fd);
            return result;
        }
        if (got == 0) {
            break;
        }
        filled += static_cast<std::size_t>(got);
    }
    ::close(fd);
    bytes.resize(filled);
    return decode_python_source(std::move(bytes));
}

} // namespace vigil::server::check
