#include "analysis/fixes.hpp"

#include <algorithm>

namespace vigil::analysis {

namespace {

bool overlaps(const TextEdit& a, const TextEdit& b) {
    // Two insertions at the same point conflict too: their order would be arbitrary.
    if (a.start == a.end && b.start == b.end) {
        return a.start == b.start;
    }
    return a.start < b.end && b.start < a.end;
}

bool by_position(const TextEdit& a, const TextEdit& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
}

} // namespace

std::vector<TextEdit> merge_safe_fixes(const std::vector<Finding>& findings) {
    std::vector<TextEdit> accepted;
    for (const Finding& finding : findings) {
        const auto fix = std::find_if(finding.fixes.begin(), finding.fixes.end(), [](const Fix& f) {
            return f.applicability == Applicability::Safe;
        });
        if (fix == finding.fixes.end()) {
            continue;
        }
        std::vector<TextEdit> fresh;
        bool conflict = false;
        for (const TextEdit& edit : fix->edits) {
            if (std::find(accepted.begin(), accepted.end(), edit) != accepted.end()) {
                continue; // the same edit is already there
            }
            conflict = std::any_of(accepted.begin(), accepted.end(),
                                   [&](const TextEdit& other) { return overlaps(edit, other); });
            if (conflict) {
                break;
            }
            fresh.push_back(edit);
        }
        if (!conflict) {
            accepted.insert(accepted.end(), fresh.begin(), fresh.end());
        }
    }
    std::sort(accepted.begin(), accepted.end(), by_position);
    return accepted;
}

std::string apply_edits(std::string_view text, std::vector<TextEdit> edits) {
    std::stable_sort(edits.begin(), edits.end(), by_position);
    std::string out;
    out.reserve(text.size());
    std::size_t cursor = 0;
    for (const TextEdit& edit : edits) {
        const std::size_t start = std::clamp(edit.start, cursor, text.size());
        const std::size_t end = std::clamp(edit.end, start, text.size());
        out.append(text.substr(cursor, start - cursor));
        out.append(edit.replacement);
        cursor = end;
    }
    out.append(text.substr(cursor));
    return out;
}

} // namespace vigil::analysis
