// The abstract values of the taint engine: what kinds of untrusted data a value may hold, which
// sink kinds it has been made safe for, and, for containers and objects, the same per element
// under a constant key, index or attribute. Private to analysis/flow/.
#pragma once

#include "analysis/models/models.hpp"
#include "analysis/semantic/constant.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::analysis::flow {

constexpr std::uint32_t no_trace = UINT32_MAX;

struct Taint {
    models::SourceKinds labels = 0; // the kinds of untrusted data it may hold
    models::SinkKinds cleared = 0;  // sink kinds it was made safe for (when labels != 0)
    bool normalized = false;        // a path made absolute and free of `..`
    std::uint32_t trace = no_trace; // the last step of one path that brought it here

    bool tainted() const { return labels != 0; }
    bool reaches(models::SinkKind kind) const {
        return labels != 0 && (cleared & models::sink_bit(kind)) == 0;
    }
    // Equal as far as the analysis goes (the path it came by does not count).
    bool same(const Taint& other) const {
        return labels == other.labels &&
               (labels == 0 || (cleared == other.cleared && normalized == other.normalized));
    }
};

// Either path: the kinds of both, safe only for what both are safe for.
Taint join(const Taint& a, const Taint& b);

struct Value {
    Taint taint; // the value itself, and every element not listed in `parts`
    // Elements under a constant key ("['name']", "[0]") or attribute (".path"), sorted by key.
    std::vector<std::pair<std::string, Value>> parts;
    std::optional<Constant> constant; // the value, when it is the same on every path
    std::string parsed_from;          // urlparse(x): the variable x, for URL checks on the result
    std::uint8_t request_object = 0;  // 1 + index into Models::request_objects, or 0

    static Value clean() { return {}; }
    static Value of(Taint taint) {
        Value value;
        value.taint = taint;
        return value;
    }

    const Value* part(std::string_view key) const;
    Value& part_for_update(std::string_view key); // made from the whole's taint if missing

    // The taint of the value with everything in it.
    Taint flat() const;

    // Folds elements beyond the bounds on depth and count into the whole.
    void limit();

    bool same(const Value& other) const;
};

// Either path. Bounded: parts beyond a count or a depth fold into the whole.
Value join(const Value& a, const Value& b, int depth = 0);

// The key of an element under a constant subscript, or "" when it cannot be one.
std::string subscript_key(const Constant& key);

// The values of a function's local names at one point of it.
struct State {
    std::map<std::string_view, Value, std::less<>> variables;

    bool same(const State& other) const;
};

// Joins `incoming` into `into`; true when `into` changed.
bool join_into(State& into, const State& incoming);

} // namespace vigil::analysis::flow
