// The taint engine: follows untrusted data through each function of a file, flow-sensitively,
// from the sources the models declare to the sinks they declare, and reports every sink that
// untrusted data reaches with the path it took. It knows no rule and no framework: both come
// from analysis/models/.
//
// Per function (and once for the module's top-level code): a control-flow graph, and a fixpoint
// over the abstract state at each block's entry. A variable's abstract value is the taint of the
// whole and, for containers and objects, the taint of each element under a constant key, index
// or attribute; with it a constant value where one is known, so that dead branches carry
// nothing. Tests on the edges of the graph refine the state (guards), sanitizer calls clear the
// sink kinds they protect, and an overwrite with a constant cleans a variable.
#pragma once

#include "analysis/models/models.hpp"
#include "analysis/semantic/model.hpp"

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::analysis::flow {

struct PathStep {
    TSNode node{};
    std::string message; // "request.args enters here", "flows into `path`", "reaches open()"
};

// Untrusted data reaching a sink.
struct FlowHit {
    models::SinkKind kind = models::SinkKind::Sql;
    TSNode sink{};     // the call (or statement) that does harm
    TSNode argument{}; // the part of it that carries the data
    models::SourceKinds sources = 0;
    std::string sink_name;      // "open()", "cursor.execute()"
    std::vector<PathStep> path; // from the source to the sink
};

struct FlowOptions {
    // Work, in expression evaluations, after which a function is given up (its hits dropped,
    // never a stall), and after which the rest of the file is left unknown.
    std::size_t function_budget = 400'000;
    std::size_t file_budget = 4'000'000;
    // The kinds of untrusted data to follow; sources of other kinds are not sources at all.
    models::SourceKinds sources = models::all_source_kinds;
};

struct FlowResult {
    std::vector<FlowHit> hits;
    bool complete = true; // false when a function was given up or its graph was cut short
    std::size_t functions_analysed = 0;
};

// Runs the engine over every function of the file the model describes.
FlowResult analyze_flows(const SemanticModel& model, const models::Models& models,
                         const FlowOptions& options = {});

} // namespace vigil::analysis::flow
