#include "analysis/flow/value.hpp"

#include <algorithm>

namespace vigil::analysis::flow {

namespace {

// Elements followed per value, and how deep (`self.request.GET['q']` is three): beyond, they
// fold into the whole. Every value the engine builds is kept within these bounds (Value::limit),
// which keeps its size, every copy of it and every loop's fixpoint small.
constexpr std::size_t max_parts = 16;
constexpr int max_depth = 3;

Taint flat_of(const Value& value) {
    Taint result = value.taint;
    for (const auto& [key, part] : value.parts) {
        result = join(result, flat_of(part));
    }
    return result;
}

void limit_at(Value& value, int depth) {
    if (value.parts.empty()) {
        return;
    }
    if (depth >= max_depth || value.parts.size() > max_parts) {
        value.taint = value.flat();
        value.parts.clear();
        return;
    }
    for (auto& [key, part] : value.parts) {
        limit_at(part, depth + 1);
    }
}

} // namespace

Taint join(const Taint& a, const Taint& b) {
    if (!a.tainted()) {
        return b;
    }
    if (!b.tainted()) {
        return a;
    }
    Taint result;
    result.labels = static_cast<models::SourceKinds>(a.labels | b.labels);
    result.cleared = a.cleared & b.cleared;
    result.normalized = a.normalized && b.normalized;
    result.trace = a.trace != no_trace ? a.trace : b.trace;
    return result;
}

const Value* Value::part(std::string_view key) const {
    const auto it = std::lower_bound(parts.begin(), parts.end(), key,
                                     [](const std::pair<std::string, Value>& entry,
                                        std::string_view k) { return entry.first < k; });
    return it != parts.end() && it->first == key ? &it->second : nullptr;
}

Value& Value::part_for_update(std::string_view key) {
    auto it = std::lower_bound(parts.begin(), parts.end(), key,
                               [](const std::pair<std::string, Value>& entry, std::string_view k) {
                                   return entry.first < k;
                               });
    if (it == parts.end() || it->first != key) {
        it = parts.insert(it, {std::string(key), Value::of(taint)});
    }
    return it->second;
}

Taint Value::flat() const {
    return flat_of(*this);
}

void Value::limit() {
    limit_at(*this, 0);
}

bool Value::same(const Value& other) const {
    if (!taint.same(other.taint) || parts.size() != other.parts.size() ||
        parsed_from != other.parsed_from || request_object != other.request_object ||
        constant.has_value() != other.constant.has_value() ||
        (constant && !(*constant == *other.constant && constant->kind == other.constant->kind))) {
        return false;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].first != other.parts[i].first ||
            !parts[i].second.same(other.parts[i].second)) {
            return false;
        }
    }
    return true;
}

Value join(const Value& a, const Value& b, int depth) {
    Value result;
    result.taint = join(a.taint, b.taint);
    if (a.constant && b.constant && *a.constant == *b.constant &&
        a.constant->kind == b.constant->kind) {
        result.constant = a.constant;
    }
    result.parsed_from = a.parsed_from == b.parsed_from ? a.parsed_from : std::string();
    result.request_object = a.request_object == b.request_object ? a.request_object : 0;
    if (depth >= max_depth) {
        result.taint = join(a.flat(), b.flat());
        return result;
    }
    // An element listed on one side only is, on the other, whatever that side's whole holds.
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.parts.size() || j < b.parts.size()) {
        if (j == b.parts.size() || (i < a.parts.size() && a.parts[i].first < b.parts[j].first)) {
            result.parts.emplace_back(a.parts[i].first,
                                      join(a.parts[i].second, Value::of(b.taint), depth + 1));
            ++i;
        } else if (i == a.parts.size() || b.parts[j].first < a.parts[i].first) {
            result.parts.emplace_back(b.parts[j].first,
                                      join(Value::of(a.taint), b.parts[j].second, depth + 1));
            ++j;
        } else {
            result.parts.emplace_back(a.parts[i].first,
                                      join(a.parts[i].second, b.parts[j].second, depth + 1));
            ++i;
            ++j;
        }
    }
    if (result.parts.size() > max_parts) {
        result.taint = result.flat();
        result.parts.clear();
    }
    return result;
}

std::string subscript_key(const Constant& key) {
    switch (key.kind) {
    case Constant::Kind::String:
        return "['" + key.text + "']";
    case Constant::Kind::Int:
        return "[" + std::to_string(key.integer) + "]";
    case Constant::Kind::Bool:
        return key.boolean ? "[1]" : "[0]"; // True == 1 as a key
    default:
        return {};
    }
}

bool State::same(const State& other) const {
    if (variables.size() != other.variables.size()) {
        return false;
    }
    auto it = other.variables.begin();
    for (const auto& [name, value] : variables) {
        if (it->first != name || !value.same(it->second)) {
            return false;
        }
        ++it;
    }
    return true;
}

bool join_into(State& into, const State& incoming) {
    bool changed = false;
    for (const auto& [name, value] : incoming.variables) {
        const auto it = into.variables.find(name);
        if (it == into.variables.end()) {
            into.variables.emplace(name, value);
            changed = true;
            continue;
        }
        Value joined = join(it->second, value);
        if (!joined.same(it->second)) {
            it->second = std::move(joined);
            changed = true;
        }
    }
    return changed;
}

} // namespace vigil::analysis::flow
