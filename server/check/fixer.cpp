#include "server/check/fixer.hpp"

#include "analysis/fixes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace vigil::server::check {

namespace {

// Byte offset where each line starts (lines end after '\n').
std::vector<std::size_t> line_starts(std::string_view text) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && i + 1 < text.size()) {
            starts.push_back(i + 1);
        }
    }
    return starts;
}

std::size_t line_of(const std::vector<std::size_t>& starts, std::size_t offset) {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                                    starts.begin()) -
           1;
}

std::string_view line_at(std::string_view text, const std::vector<std::size_t>& starts,
                         std::size_t line) {
    const std::size_t start = starts[line];
    const std::size_t end = line + 1 < starts.size() ? starts[line + 1] : text.size();
    return text.substr(start, end - start);
}

void emit(std::string& out, char prefix, std::string_view line) {
    out += prefix;
    out.append(line);
    if (line.empty() || line.back() != '\n') {
        out += "\n\\ No newline at end of file\n";
    }
}

} // namespace

std::string unified_diff(std::string_view path, std::string_view text,
                         const std::vector<analysis::TextEdit>& edits) {
    if (edits.empty()) {
        return {};
    }
    constexpr std::size_t context = 3;
    const std::string fixed = analysis::apply_edits(text, edits);
    const auto old_starts = line_starts(text);
    const auto new_starts = line_starts(fixed);

    // Each edit covers whole old lines [first, last] and, shifted by the edits before it, new
    // lines [new_first, new_last]. Edits whose context would touch are grouped into one hunk.
    struct Change {
        std::size_t first, last;    // old lines
        long long delta_before = 0; // bytes added by the edits before this change
        long long delta_after = 0;  // ... and by its own edits
        std::size_t new_first = 0, new_last = 0;
    };
    std::vector<Change> changes;
    long long delta = 0;
    for (const analysis::TextEdit& edit : edits) {
        const std::size_t first = line_of(old_starts, edit.start);
        const std::size_t last =
            line_of(old_starts, edit.end > edit.start ? edit.end - 1 : edit.start);
        if (changes.empty() || first > changes.back().last) {
            changes.push_back({first, last, delta, delta});
        }
        delta += static_cast<long long>(edit.replacement.size()) -
                 static_cast<long long>(edit.end - edit.start);
        changes.back().last = std::max(changes.back().last, last);
        changes.back().delta_after = delta;
    }
    // The whole old lines [first, last] become the new lines from where the first one now starts
    // to where the last one's unchanged tail now ends.
    for (Change& change : changes) {
        change.new_first = line_of(
            new_starts, static_cast<std::size_t>(static_cast<long long>(old_starts[change.first]) +
                                                 change.delta_before));
        const std::size_t old_end =
            change.last + 1 < old_starts.size() ? old_starts[change.last + 1] : text.size();
        change.new_last =
            old_end == 0
                ? 0
                : line_of(new_starts, static_cast<std::size_t>(static_cast<long long>(old_end - 1) +
                                                               change.delta_after));
    }

    std::string out = "--- a/" + std::string(path) + "\n+++ b/" + std::string(path) + "\n";
    std::size_t i = 0;
    while (i < changes.size()) {
        std::size_t j = i;
        while (j + 1 < changes.size() &&
               changes[j + 1].first <= changes[j].last + 2 * context + 1) {
            ++j;
        }
        const std::size_t old_from = changes[i].first >= context ? changes[i].first - context : 0;
        const std::size_t old_to = std::min(changes[j].last + context, old_starts.size() - 1);
        const std::size_t lead = changes[i].first - old_from;
        const std::size_t new_from = changes[i].new_first - lead;
        const std::size_t trail = old_to - changes[j].last;
        const std::size_t new_to = std::min(changes[j].new_last + trail, new_starts.size() - 1);
        out += "@@ -" + std::to_string(old_from + 1) + "," + std::to_string(old_to - old_from + 1) +
               " +" + std::to_string(new_from + 1) + "," + std::to_string(new_to - new_from + 1) +
               " @@\n";
        std::size_t old_line = old_from;
        std::size_t new_line = new_from;
        for (std::size_t k = i; k <= j; ++k) {
            for (; old_line < changes[k].first; ++old_line, ++new_line) {
                emit(out, ' ', line_at(text, old_starts, old_line));
            }
            for (; old_line <= changes[k].last; ++old_line) {
                emit(out, '-', line_at(text, old_starts, old_line));
            }
            for (; new_line <= changes[k].new_last; ++new_line) {
                emit(out, '+', line_at(fixed, new_starts, new_line));
            }
        }
        for (; old_line <= old_to; ++old_line) {
            emit(out, ' ', line_at(text, old_starts, old_line));
        }
        i = j + 1;
    }
    return out;
}

WriteOutcome write_if_unchanged(const std::string& path, std::string_view original,
                                std::string_view fixed, std::string& error) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        error = std::strerror(errno);
        return WriteOutcome::Failed;
    }
    {
        std::ifstream stream(path, std::ios::binary);
        std::stringstream now;
        now << stream.rdbuf();
        if (!stream || now.str() != original) {
            return WriteOutcome::ChangedOnDisk;
        }
    }
    std::string temporary = path + ".vigil-XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        error = std::string("cannot create a temporary file: ") + std::strerror(errno);
        return WriteOutcome::Failed;
    }
    bool ok = ::fchmod(fd, status.st_mode & 07777) == 0;
    std::size_t written = 0;
    while (ok && written < fixed.size()) {
        const ssize_t n = ::write(fd, fixed.data() + written, fixed.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        ok = n > 0;
        if (ok) {
            written += static_cast<std::size_t>(n);
        }
    }
    ok = ok && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
        error = std::strerror(errno);
        ::unlink(temporary.c_str());
        return WriteOutcome::Failed;
    }
    return WriteOutcome::Written;
}

} // namespace vigil::server::check
