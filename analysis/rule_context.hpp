// What a rule's check sees: the file, the semantic model, its options, and a way to report.
#pragma once

#include "analysis/config.hpp"
#include "analysis/finding.hpp"
#include "analysis/rule.hpp"
#include "analysis/semantic/model.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis {

class RuleContext {
public:
    RuleContext(const SemanticModel& model, const Config& config, std::string_view path,
                std::vector<Finding>& sink)
        : model_(model), config_(config), path_(path), sink_(sink) {}

    const SemanticModel& model() const { return model_; }
    const RuleOptions& options() const { return config_.options; }
    // The profile the analysis runs with, for rules whose defaults differ by profile (B101).
    ProfileName profile() const { return config_.profile; }
    std::string_view path() const { return path_; }
    std::string_view text(TSNode node) const { return model_.text(node); }

    // Set by the engine before each check runs.
    void set_rule(const Rule* rule) { rule_ = rule; }
    const RuleInfo& rule() const { return rule_->info; }

    struct Report {
        std::string message = {};
        std::optional<Level> severity = std::nullopt;   // default: the rule's
        std::optional<Level> confidence = std::nullopt; // default: the rule's
        std::vector<Fix> fixes = {};
        std::vector<FlowStep> flow = {}; // the path untrusted data took, source first
        // What the finding is about, when wider than its range (see Finding::anchor_start).
        std::optional<std::pair<std::size_t, std::size_t>> anchor = std::nullopt;
    };

    // A finding of the current rule over `node` (or the byte range [start, end)).
    void report(TSNode node, Report report);
    void report(std::size_t start, std::size_t end, Report report);

    // What a rule derives from the file's options once (a lookup table) and reuses on every node:
    // made by `make` on first use, one per type, kept until the analysis of the file ends.
    template <typename T, typename Make> const T& per_file(Make&& make) {
        const std::size_t slot = per_file_slot<T>();
        if (per_file_.size() <= slot) {
            per_file_.resize(slot + 1);
        }
        if (!per_file_[slot]) {
            per_file_[slot] = std::make_shared<T>(make());
        }
        return *static_cast<const T*>(per_file_[slot].get());
    }

private:
    static std::size_t next_per_file_slot();
    template <typename T> static std::size_t per_file_slot() {
        static const std::size_t slot = next_per_file_slot();
        return slot;
    }

    const SemanticModel& model_;
    const Config& config_;
    std::string_view path_;
    std::vector<Finding>& sink_;
    const Rule* rule_ = nullptr;
    std::vector<std::shared_ptr<void>> per_file_; // by per_file_slot<T>()
};

} // namespace vigil::analysis
