// --baseline: the findings of an earlier JSON report, matched by path, code and fingerprint (the
// hash of the normalized source line plus the occurrence index of that line text for that code in
// the file; see fingerprint.hpp). Line numbers play no part, so a finding whose line moved is
// still known; two identical lines with the same finding count separately, so a second copy of a
// known line is new.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>

namespace vigil::server::check {

class Baseline {
public:
    // Reads a report written by --format json or --write-baseline. Elements without a
    // fingerprint (errors, or reports from elsewhere) are ignored.
    static std::optional<Baseline> load(const std::string& file, std::string& error);

    bool contains(const std::string& path, const std::string& code,
                  const std::string& fingerprint) const;
    std::size_t size() const { return keys_.size(); }

private:
    static std::string key(const std::string& path, const std::string& code,
                           const std::string& fingerprint);
    std::unordered_set<std::string> keys_;
};

} // namespace vigil::server::check
